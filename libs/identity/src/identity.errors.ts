import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

/** Stable problem types of the identity context (listed in README.md, "Errors"). */
export const IdentityErrors = {
  emailTaken: () => new AppException(HttpStatus.CONFLICT, 'email-taken', 'An account already uses this e-mail address'),
  invalidCredentials: () =>
    new AppException(HttpStatus.UNAUTHORIZED, 'invalid-credentials', 'E-mail or password is wrong'),
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
