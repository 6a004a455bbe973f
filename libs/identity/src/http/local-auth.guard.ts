import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppException } from '@alveole/core';
import { SIGN_IN_NAME_FIELD } from '../sign-in-name';
import { LoginDto } from './auth.dto';

/**
 * Validates the login body first (guards run before pipes, and passport would answer a
 * malformed body with a bare 401), then lets the `local` strategy check the credentials.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body?: unknown }>();
    const body: unknown = request.body ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw AppException.validation([
        { field: 'body', message: 'must be a JSON object with email (or username) and password' },
      ]);
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw AppException.validation(
        errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message }))),
      );
    }
    const { email, username } = body as LoginDto;
    if (email !== undefined && username !== undefined)
      throw AppException.validation([{ field: 'username', message: 'give an email or a username, not both' }]);
    request.body = { ...body, [SIGN_IN_NAME_FIELD]: email ?? username };
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw AppException.unauthenticated('E-mail, username or password is wrong');
    return user;
  }
}
