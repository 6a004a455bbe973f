import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types of the structure context (listed in README.md, "Errors"). */
export const StructureErrors = {
  slugTaken: () => new AppException(HttpStatus.CONFLICT, 'slug-taken', 'This slug is already used'),
  moveIntoOwnSubtree: () =>
    new AppException(
      HttpStatus.CONFLICT,
      'move-into-own-subtree',
      'A sphere cannot move under itself or one of its descendants',
    ),
  archived: () => new AppException(HttpStatus.CONFLICT, 'sphere-archived', 'This sphere is archived and read-only'),
  alreadyMember: () => new AppException(HttpStatus.CONFLICT, 'already-member', 'The user is already in this sphere'),
  /** An unknown id and someone outside the organisation alike: nobody learns which accounts exist. */
  userNotInOrganisation: () => AppException.notFound('User'),
  granteeNotInOrganisation: () =>
    AppException.validation([{ field: 'userId', message: 'no member of this organisation has this id' }]),
  resetCodeNotAllowed: () =>
    new AppException(
      HttpStatus.FORBIDDEN,
      'reset-code-not-allowed',
      'Reset codes are for active members of this sphere ranked below you, never for owners or managers',
    ),
  grantNotAllowed: () =>
    new AppException(
      HttpStatus.FORBIDDEN,
      'delegation-not-allowed',
      'You cannot grant this role here (above your own role or outside your scope)',
    ),
  invitationGone: () =>
    new AppException(HttpStatus.GONE, 'invitation-gone', 'This invitation has expired, was revoked or is used up'),
  lastOwner: () =>
    new AppException(HttpStatus.CONFLICT, 'last-owner', 'An organisation keeps at least one owner for its whole tree'),
  banned: () => new AppException(HttpStatus.FORBIDDEN, 'banned', 'You were banned from this sphere'),
  bannedFromOrganisation: () =>
    new AppException(HttpStatus.FORBIDDEN, 'banned', 'You were banned from this organisation'),
  requestAlreadyDecided: (status: string) =>
    new AppException(HttpStatus.CONFLICT, 'request-already-decided', `This sphere request was already ${status}`),
  noCharter: () =>
    new AppException(HttpStatus.NOT_FOUND, 'no-charter', 'This organisation has not published a charter'),
  charterVersionOutdated: (current: number) =>
    new AppException(
      HttpStatus.CONFLICT,
      'charter-version-outdated',
      `Version ${current} of the charter is the current one: read it and accept that version`,
    ),
  /** The same problem type: the sphere's addendum changed since the member read it. */
  addendumVersionOutdated: (current: number) =>
    new AppException(
      HttpStatus.CONFLICT,
      'charter-version-outdated',
      `This sphere's addendum changed (version ${current}): read it again and accept that version`,
    ),
};
