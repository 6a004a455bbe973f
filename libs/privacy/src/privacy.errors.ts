import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types of the privacy context (listed in docs/api.md, "Export of my data"). */
export const PrivacyErrors = {
  exportInProgress: () =>
    new AppException(HttpStatus.CONFLICT, 'export-in-progress', 'An export of your data is already being prepared'),
  tooManyExports: (retryAfterSeconds: number) =>
    new AppException(
      HttpStatus.TOO_MANY_REQUESTS,
      'too-many-exports',
      'You asked for 3 exports in the last 24 hours; try again later',
      undefined,
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    ),
  exportNotFound: () => AppException.notFound('Export'),
  exportNotReady: (status: string) =>
    new AppException(HttpStatus.CONFLICT, 'export-not-ready', `This export cannot be downloaded (it is ${status})`),
  linkGone: () =>
    new AppException(HttpStatus.GONE, 'export-link-gone', 'This download link was already used or has expired'),
  linkNotFound: () => AppException.notFound('Download link'),
};
