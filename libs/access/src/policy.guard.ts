import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '@alveole/core';
import { AbilityFactory, AppAbility } from './ability.factory';
import { AuthContext } from './auth-context';
import { POLICY, PolicyRule, PUBLIC } from './policy.decorators';

interface GuardedRequest {
  user?: AuthContext;
  ability?: AppAbility;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The one global guard: authenticates with the `jwt` passport strategy, builds the caller's
 * ability, and checks the route's @Policy. A route with neither @Policy nor @Public is refused
 * (and fails the route-policy test), so forgetting a rule can never open a route.
 */
@Injectable()
export class PolicyGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, targets);
    const rule = this.reflector.getAllAndOverride<PolicyRule | undefined>(POLICY, targets);
    const request = context.switchToHttp().getRequest<GuardedRequest>();

    if (isPublic) {
      if (request.headers.authorization) await this.authenticate(context).catch(() => undefined);
      request.ability = this.abilities.forUser(request.user ?? null);
      return true;
    }
    if (!rule) throw AppException.forbidden('This route has no access policy');
    await this.authenticate(context);
    const ability = this.abilities.forUser(request.user ?? null);
    request.ability = ability;
    if (!ability.can(rule.action, rule.subject)) throw AppException.forbidden();
    return true;
  }

  private async authenticate(context: ExecutionContext): Promise<void> {
    try {
      await super.canActivate(context);
    } catch {
      throw AppException.unauthenticated('A valid access token is required');
    }
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw AppException.unauthenticated('A valid access token is required');
    return user;
  }
}
