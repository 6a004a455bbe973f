import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types of the moderation context (listed in README.md, "Errors"). */
export const ModerationErrors = {
  alreadyReported: () => new AppException(HttpStatus.CONFLICT, 'already-reported', 'You have already reported this'),
  unknownArticle: (articles: number) =>
    AppException.validation([
      {
        field: 'reason',
        message:
          articles > 0
            ? `the charter in force has articles 1 to ${articles}`
            : 'the organisation has no charter: give a category',
      },
    ]),
  /** Members are reported with the member slice (issue 11); until then only posts and comments. */
  unsupportedTarget: () =>
    AppException.validation([{ field: 'targetType', message: 'members cannot be reported yet' }]),
};
