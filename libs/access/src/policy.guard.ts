import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppException } from '@alveole/core';
import { AbilityFactory, AppAbility } from './ability.factory';
import { AccessGate } from './access-gate';
import { AuthContext } from './auth-context';
import { POLICY, PolicyRule, PUBLIC } from './policy.decorators';
import { PRINCIPAL_RESOLVER, PrincipalResolver } from './principal-resolver';

interface GuardedRequest {
  user?: AuthContext;
  ability?: AppAbility;
  headers: Record<string, string | string[] | undefined>;
}

/** What the guard knows of a route: its metadata, and whether its handler reads the caller's profile. */
interface RoutePlan {
  isPublic: boolean;
  rule?: PolicyRule;
  readsProfile: boolean;
}

/**
 * The one global guard: resolves the bearer token to the caller, builds the caller's ability,
 * and checks the route's @Policy. A route with neither @Policy nor @Public is refused (and fails
 * the route-policy test), so forgetting a rule can never open a route.
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  /** Per controller and handler: its metadata (read once, it never changes) and what the guard learned of it. */
  private readonly plans = new WeakMap<object, WeakMap<object, RoutePlan>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
    @Inject(PRINCIPAL_RESOLVER) private readonly principals: PrincipalResolver,
    private readonly gate: AccessGate,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const plan = this.planOf(context);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const token = bearerToken(request.headers.authorization);

    if (plan.isPublic) {
      // a public route still knows its caller when a valid token comes along
      request.user = (token && (await this.callerOf(token, plan))) || undefined;
      request.ability = this.abilities.forUser(request.user ?? null);
      return true;
    }
    if (!plan.rule) throw AppException.forbidden('This route has no access policy');
    const user = token ? await this.callerOf(token, plan) : null;
    if (!user) throw AppException.unauthenticated('A valid access token is required');
    request.user = user;
    request.ability = this.abilities.forUser(user);
    if (!request.ability.can(plan.rule.action, plan.rule.subject)) throw AppException.forbidden();
    return true;
  }

  /**
   * The user row alone, the first time a route is called; once its handler has read the caller's profile,
   * the row and the profile in one statement (one round trip less on every later call). Both answer the
   * same caller: the choice changes the number of statements, never the answer.
   */
  private async callerOf(token: string, plan: RoutePlan): Promise<AuthContext | null> {
    if (plan.readsProfile) {
      const userId = this.principals.subjectOf(token);
      return userId ? this.gate.caller(userId) : null;
    }
    const user = await this.principals.resolve(token);
    if (user) this.gate.whenLoaded(user, () => (plan.readsProfile = true));
    return user;
  }

  private planOf(context: ExecutionContext): RoutePlan {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.plans.get(controller);
    if (!byHandler) this.plans.set(controller, (byHandler = new WeakMap()));
    let found = byHandler.get(handler);
    if (!found) {
      const targets = [handler, controller];
      found = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)),
        rule: this.reflector.getAllAndOverride<PolicyRule | undefined>(POLICY, targets),
        readsProfile: false,
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
