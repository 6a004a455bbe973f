import { createHash } from 'node:crypto';
import { AbilityBuilder, buildMongoQueryMatcher, createMongoAbility, MongoAbility } from '@casl/ability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccessProfile, potentialProfile } from './access-profile';
import { ACCESS_RULES, AccessRules, membershipSets } from './access-rules';
import { AuthContext } from './auth-context';
import { Action, SubjectName, SubjectRecord } from './subjects';

/** Up to this length a profile's JSON is its own cache key: 1,000 of them hold at most ~4 MB. */
const VERBATIM_KEY_LENGTH = 2048;

export type AppAbility = MongoAbility<[Action, SubjectName | SubjectRecord]>;

// `$in` over a user's sphere ids (hundreds for an active member) through a Set built once per
// rule list, instead of CASL's linear scan with a generic comparison on every check.
const idSets = new WeakMap<unknown[], Set<unknown>>();
const inSet = (
  condition: { field: string; value: unknown[] },
  object: unknown,
  { get }: { get: (o: unknown, field: string) => unknown },
) => {
  let set = idSets.get(condition.value);
  if (!set) idSets.set(condition.value, (set = new Set(condition.value)));
  const value = get(object, condition.field);
  return Array.isArray(value) ? value.some((item) => set.has(item)) : set.has(value);
};
const conditionsMatcher = buildMongoQueryMatcher({}, { in: inSet } as unknown as Parameters<
  typeof buildMongoQueryMatcher
>[1]);

/**
 * The one place where roles become permissions (DESIGN.md §3). Built from the caller's AccessProfile
 * by the rules each context contributes (AccessModule.forRoot): instance admins start with
 * everything, then each context grants and restricts on its own subjects, then the restrictions that
 * must win (archived spheres are read-only) run last.
 */
@Injectable()
export class AbilityFactory {
  /** Route-level abilities depend on the instance role only: built once each. */
  private readonly routeLevel = new Map<string, AppAbility>();
  /**
   * Record-level abilities by profile. Building one runs every context's rules (~60 µs, more than the rest
   * of a typical request's own code), while a caller's profile rarely changes between two requests. An
   * ability is a function of its profile alone and is never mutated, so equal profiles share one.
   */
  private readonly byProfile = new LRUCache<string, AppAbility>({ max: 1000 });

  constructor(@Optional() @Inject(ACCESS_RULES) private readonly rules: AccessRules[] = []) {}

  /** What the guard checks at route level: the rule shapes, without the caller's roles loaded. */
  forUser(auth: AuthContext | null): AppAbility {
    if (!auth) return createMongoAbility<AppAbility>([]);
    let ability = this.routeLevel.get(auth.instanceRole ?? 'user');
    if (!ability) {
      ability = this.build(potentialProfile(auth));
      this.routeLevel.set(auth.instanceRole ?? 'user', ability);
    }
    return ability;
  }

  forProfile(profile: AccessProfile): AppAbility {
    // every field is in the key, so any change builds anew; a typical profile is its own key (a Map compares
    // it for less than SHA-256 digests it: 10–20 µs of a profiled feed request), a big one a digest, to bound the
    // memory held
    const json = JSON.stringify(profile);
    const key = json.length <= VERBATIM_KEY_LENGTH ? json : createHash('sha256').update(json).digest('base64');
    let ability = this.byProfile.get(key);
    if (!ability) {
      ability = this.build(profile);
      this.byProfile.set(key, ability);
    }
    return ability;
  }

  private build(profile: AccessProfile): AppAbility {
    const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    const sets = membershipSets(profile);
    // white-label admins run the instance; each context takes back what they may not do (content)
    if (profile.instanceRole === 'instance_admin') can('manage', 'all');
    for (const rules of this.rules) rules.define(profile, sets, { can, cannot });
    for (const rules of this.rules) rules.restrict?.(profile, sets, { can, cannot });
    return build({ conditionsMatcher });
  }
}
