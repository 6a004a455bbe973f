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
  sphereRequired: () =>
    AppException.validation([{ field: 'sphereId', message: 'name the sphere where the member is reported' }]),
  caseClaimed: (holder: { id: string; displayName: string }) =>
    new AppException(
      HttpStatus.CONFLICT,
      'case-claimed',
      `${holder.displayName} is handling this case`,
      undefined,
      undefined,
      {
        holder,
      },
    ),
  caseClosed: () => new AppException(HttpStatus.CONFLICT, 'case-closed', 'This case has already been decided'),
  alreadyEscalated: () =>
    new AppException(HttpStatus.CONFLICT, 'case-escalated', 'This case is already with the system managers'),
  notClaimed: () => new AppException(HttpStatus.CONFLICT, 'case-not-claimed', 'Claim this case before deciding it'),
  notApplicable: (message: string) =>
    new AppException(HttpStatus.UNPROCESSABLE_ENTITY, 'decision-not-applicable', message),
};
