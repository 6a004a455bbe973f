import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types of the identity context (listed in README.md, "Errors"). */
export const IdentityErrors = {
  emailTaken: () => new AppException(HttpStatus.CONFLICT, 'email-taken', 'An account already uses this e-mail address'),
  taken: (field: 'email' | 'username') =>
    field === 'email' ? IdentityErrors.emailTaken() : IdentityErrors.usernameTaken(),
  usernameTaken: () => new AppException(HttpStatus.CONFLICT, 'username-taken', 'An account already uses this username'),
  invalidCredentials: () =>
    new AppException(HttpStatus.UNAUTHORIZED, 'invalid-credentials', 'E-mail, username or password is wrong'),
  /** Unknown account, wrong, used, expired or exhausted code: one answer, whatever the reason. */
  invalidResetCode: () =>
    new AppException(
      HttpStatus.BAD_REQUEST,
      'invalid-reset-code',
      'This reset code does not work: ask the animator for a new one',
    ),
  /** Unknown, used or expired link: one answer, whatever the reason. */
  invalidResetToken: () =>
    new AppException(
      HttpStatus.BAD_REQUEST,
      'invalid-reset-token',
      'This reset link does not work any more: ask for a new one',
    ),
  tooManyResetAttempts: (retryAfterSeconds: number) => {
    const error = AppException.rateLimited(retryAfterSeconds);
    return new AppException(
      error.status,
      'too-many-reset-attempts',
      'Too many password reset attempts; try again later',
      undefined,
      error.headers,
    );
  },
  invalidRefreshToken: () =>
    new AppException(
      HttpStatus.UNAUTHORIZED,
      'invalid-refresh-token',
      'The refresh token is unknown, expired or revoked',
    ),
  refreshTokenReused: () =>
    new AppException(
      HttpStatus.UNAUTHORIZED,
      'refresh-token-reused',
      'This refresh token was already used; every session of this login has been signed out',
    ),
  /** DELETE /me: 403 rather than 401, which clients read as "the session is over". */
  wrongPassword: () => new AppException(HttpStatus.FORBIDDEN, 'wrong-password', 'The password is wrong'),
  /** The person is not a member of this organisation (or no account has this id). */
  memberNotFound: () => AppException.notFound('Member'),
  tooManyFailedLogins: (retryAfterSeconds: number) => {
    const error = AppException.rateLimited(retryAfterSeconds);
    return new AppException(
      error.status,
      'too-many-failed-logins',
      'Too many failed logins; try again later',
      undefined,
      error.headers,
    );
  },
};
