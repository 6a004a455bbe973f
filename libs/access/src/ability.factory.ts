import { AbilityBuilder, buildMongoQueryMatcher, createMongoAbility, MongoAbility } from '@casl/ability';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccessProfile, potentialProfile } from './access-profile';
import { ACCESS_RULES, AccessRules, membershipSets } from './access-rules';
import { AuthContext } from './auth-context';
import { Action, SubjectName, SubjectRecord } from './subjects';

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
   * Record-level abilities, the last one built for each user with the profile it was built from. Building one
   * runs every context's rules (~60 µs, more than the rest of a typical request's own code), while a caller's
   * profile rarely changes between two requests. An ability is a function of its profile alone and is never
   * mutated: it is reused while the profile loaded is equal to that one, field by field.
   */
  private readonly byUser = new LRUCache<string, { profile: AccessProfile; ability: AppAbility }>({ max: 1000 });

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

  /**
   * `keep: false` for a check made once in a long while (a socket joining a sphere's rooms): an ability
   * weighs ~25 KB with every context's rules, worth keeping across a client's requests, not for one check of a
   * client that may make no other (1,000 sockets held 25 MB of abilities). One kept already is still used.
   */
  forProfile(profile: AccessProfile, { keep = true }: { keep?: boolean } = {}): AppAbility {
    // compared rather than keyed by its JSON: serialising the profile and hashing that string cost ~8 µs a
    // request, the comparison ~2; any field that differs, or is not plain data, builds anew
    const known = this.byUser.get(profile.userId);
    if (known && samePlainData(known.profile, profile)) return known.ability;
    const ability = this.build(profile);
    // a copy: what the ability was built from must not change if the caller's object is changed later
    if (keep) this.byUser.set(profile.userId, { profile: structuredClone(profile), ability });
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

/**
 * Deep equality of JSON-like data (what the profile statement gives: strings, numbers, booleans, null, arrays
 * and plain objects). Two distinct objects of any other kind (a Date, a Map) are never equal, so an unknown
 * kind of field can only cost a rebuild, never reuse an ability built for another profile.
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlainData(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !samePlainData(a[key], b[key])) return false;
  return true;
}

/** Made by a literal or JSON.parse: its prototype is an Object.prototype (of any realm) or null. */
function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
