import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthService, Session } from './auth.service';
import { SIGN_IN_NAME_FIELD } from './sign-in-name';

/**
 * E-mail or username + password login; failures are counted per account and IP by AuthService.
 * LocalAuthGuard has validated the body and put the name under SIGN_IN_NAME_FIELD (passport reads one field).
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: SIGN_IN_NAME_FIELD, passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, _name: string, password: string): Promise<Session> {
    const { email, username } = request.body as { email?: string; username?: string };
    const name = username !== undefined ? { username } : { email: email ?? '' };
    return this.auth.login(name, password, request.ip ?? null);
  }
}
