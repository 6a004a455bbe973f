import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types the access gate raises for every context (listed in README.md, "Errors"). */
export const AccessErrors = {
  archived: () => new AppException(HttpStatus.CONFLICT, 'sphere-archived', 'This sphere is archived and read-only'),
};
