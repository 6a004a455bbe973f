import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AppException } from '@alveole/core';
import { Action, SubjectName } from './subjects';
import { AuthContext } from './auth-context';

export const POLICY = 'alveole:policy';
export const PUBLIC = 'alveole:public';

export interface PolicyRule {
  action: Action;
  subject: SubjectName;
}

/** The rule a route requires of an authenticated caller; checked by the one PolicyGuard. */
export const Policy = (action: Action, subject: SubjectName) =>
  SetMetadata(POLICY, { action, subject } satisfies PolicyRule);

/** A route anyone may call; a token, when sent and valid, still identifies the caller. */
export const Public = () => SetMetadata(PUBLIC, true);

/** The authenticated caller; only on routes with @Policy (the guard has already refused anonymous calls). */
export const Auth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const user = context.switchToHttp().getRequest<{ user?: AuthContext }>().user;
  if (!user) throw AppException.unauthenticated();
  return user;
});
