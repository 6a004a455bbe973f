import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '@alveole/core';
import { AbilityFactory, AppAbility } from './ability.factory';
import { AuthContext } from './auth-context';
import { POLICY, PolicyRule, PUBLIC } from './policy.decorators';
import { PRINCIPAL_RESOLVER, PrincipalResolver } from './principal-resolver';

interface GuardedRequest {
  user?: AuthContext;
  ability?: AppAbility;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The one global guard: resolves the bearer token to the caller, builds the caller's ability,
 * and checks the route's @Policy. A route with neither @Policy nor @Public is refused (and fails
 * the route-policy test), so forgetting a rule can never open a route.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  /** Route metadata never changes after start-up; read it once per controller and handler. */
  private readonly rules = new WeakMap<object, WeakMap<object, { isPublic: boolean; rule?: PolicyRule }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
    @Inject(PRINCIPAL_RESOLVER) private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, rule } = this.ruleOf(context);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const token = bearerToken(request.headers.authorization);

    if (isPublic) {
      // a public route still knows its caller when a valid token comes along
      request.user = (token && (await this.principals.resolve(token))) || undefined;
      request.ability = this.abilities.forUser(request.user ?? null);
      return true;
    }
    if (!rule) throw AppException.forbidden('This route has no access policy');
    const user = token ? await this.principals.resolve(token) : null;
    if (!user) throw AppException.unauthenticated('A valid access token is required');
    request.user = user;
    request.ability = this.abilities.forUser(user);
    if (!request.ability.can(rule.action, rule.subject)) throw AppException.forbidden();
    return true;
  }

  private ruleOf(context: ExecutionContext): { isPublic: boolean; rule?: PolicyRule } {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.rules.get(controller);
    if (!byHandler) this.rules.set(controller, (byHandler = new WeakMap()));
    let found = byHandler.get(handler);
    if (!found) {
      const targets = [handler, controller];
      found = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)),
        rule: this.reflector.getAllAndOverride<PolicyRule | undefined>(POLICY, targets),
      };
      byHandler.set(handler, found);
    }
    return found;
  }
}

function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
