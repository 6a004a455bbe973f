import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types of the content context (listed in README.md, "Errors"). */
export const ContentErrors = {
  /** `firstAcceptance`: the member never accepted the charter here (otherwise a newer version came out). */
  charterAcceptanceRequired: (firstAcceptance: boolean) =>
    new AppException(
      HttpStatus.FORBIDDEN,
      'charter-acceptance-required',
      firstAcceptance
        ? "Read and accept the organisation's charter before you post here"
        : 'A new version of the charter awaits your acceptance before you can post here',
    ),
  animatorsOnly: () =>
    new AppException(HttpStatus.FORBIDDEN, 'animators-only', 'Only animators post in this announcement sphere'),
  muted: () => new AppException(HttpStatus.FORBIDDEN, 'member-muted', 'You are muted in this sphere'),
  notPending: () => new AppException(HttpStatus.CONFLICT, 'post-not-pending', 'This post is not awaiting approval'),
  awaitingApproval: () =>
    new AppException(
      HttpStatus.CONFLICT,
      'post-pending',
      'This post awaits approval: approve it rather than restore it',
    ),
  notPublished: () =>
    new AppException(HttpStatus.CONFLICT, 'post-not-published', 'This post is not published (pending or hidden)'),
  unknownAttachments: () =>
    AppException.validation([{ field: 'attachmentIds', message: 'each attachment must be a document of this sphere' }]),
  replyTooDeep: () =>
    AppException.validation([{ field: 'parentId', message: 'replies go to a top-level comment of the same post' }]),
  /** The same answer as decodeCursor's, for a cursor of the right shape with values no page gave. */
  invalidCursor: () =>
    new AppException(HttpStatus.BAD_REQUEST, 'invalid-cursor', 'The cursor is not valid for this list'),
  emptyEdit: () => AppException.validation([{ field: 'body', message: 'give a body, or important (animators)' }]),
};
