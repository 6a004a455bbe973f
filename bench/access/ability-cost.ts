import {
  AbilityFactory,
  AccessProfile,
  AppAbility,
  HeldMembership,
  HeldOrgRole,
  MembershipStatus,
  SphereFacts,
  sphereRoleAtLeast,
  SphereRole,
  sphereSubject,
} from '../../libs/access/src';
import { auditRules } from '../../libs/audit/src/audit.rules';
import { contentRules } from '../../libs/content/src/content.rules';
import { identityRules } from '../../libs/identity/src/identity.rules';
import { structureRules } from '../../libs/structure/src/structure.rules';
import { alternate } from '../lib/alternate';
import { MetricSpec } from '../lib/report';

/*
 * Part 1 of bench:access — what a CASL ability costs, in process: building it from a large profile
 * (200 sphere memberships, a few scoped organisation roles) and checking permissions on spheres, against
 * a hand-written function applying the same rules with Sets and path prefixes. Both must give the
 * same answer to every check before anything is timed.
 */

/** The rules the api composes, in the same order. */
const RULES = [identityRules, structureRules, auditRules, contentRules];

export const CHECKED_ACTIONS = [
  'read',
  'read_content',
  'post',
  'moderate',
  'update',
  'manage_members',
  'create_child',
  'move',
] as const;
export type CheckedAction = (typeof CHECKED_ACTIONS)[number];

export interface Check {
  action: CheckedAction;
  sphere: SphereFacts;
}

export interface AbilityWorkload {
  profile: AccessProfile;
  checks: Check[];
}

export interface AbilitySample {
  /** µs to build one ability (app) or the reference's Sets (reference), from the profile. */
  buildUs: number;
  /** ns per check on an already built (and already used) ability. */
  checkNs: number;
  /** µs for a fresh build followed by all the checks (includes CASL's lazy compilation of conditions). */
  totalUs: number;
}

export const ABILITY_METRICS: MetricSpec<AbilitySample>[] = [
  { name: 'ability build', unit: 'µs', better: 'lower', target: null, value: (s) => s.buildUs },
  { name: 'per check', unit: 'ns', better: 'lower', target: null, value: (s) => s.checkNs },
  { name: 'build + all checks', unit: 'µs', better: 'lower', target: null, value: (s) => s.totalUs },
];

// ---------------------------------------------------------------------------------------------------------------
// Workload: a deterministic profile and list of checks

/** Mulberry32: the same profile and checks on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped id from the generator (only hex and '-': safe inside the `^prefix` regex of scoped roles). */
function fakeId(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * Three organisations (the user belongs to the first two), each a tree root → 20 regions → 40 groups;
 * 200 memberships of every role and status, mostly in the first two; four scoped organisation roles,
 * one of them in the organisation the user does not belong to. 10% of spheres archived, 15% secret.
 */
export function buildAbilityWorkload(checkCount: number, seed = 20251122): AbilityWorkload {
  const random = prng(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const orgIds = [fakeId(random), fakeId(random), fakeId(random)];
  const spheres: SphereFacts[] = [];
  const regions: SphereFacts[] = [];
  const visibility = (): SphereFacts['visibility'] => {
    const r = random();
    return r < 0.6 ? 'public' : r < 0.85 ? 'private' : 'secret';
  };
  const add = (organisationId: string, parentPath: string): SphereFacts => {
    const id = fakeId(random);
    const sphere = {
      id,
      organisationId,
      path: `${parentPath}${id}/`,
      visibility: visibility(),
      archived: random() < 0.1,
    };
    spheres.push(sphere);
    return sphere;
  };
  for (const organisationId of orgIds) {
    const root = add(organisationId, '/');
    for (let r = 0; r < 20; r++) {
      const region = add(organisationId, root.path);
      regions.push(region);
      for (let g = 0; g < 40; g++) add(organisationId, region.path);
    }
  }

  const roles: SphereRole[] = ['sphere_admin', 'animator', 'member', 'member', 'member', 'visitor'];
  const statuses: MembershipStatus[] = [
    'active',
    'active',
    'active',
    'active',
    'muted',
    'invited',
    'requested',
    'banned',
  ];
  const memberSpheres = new Map<string, SphereFacts>();
  while (memberSpheres.size < 200) {
    const sphere = pick(spheres);
    // 95% in the user's organisations, a few left behind in the third
    if (sphere.organisationId === orgIds[2] && random() < 0.9) continue;
    memberSpheres.set(sphere.id, sphere);
  }
  const memberships: HeldMembership[] = [...memberSpheres.values()].map((sphere) => ({
    sphereId: sphere.id,
    organisationId: sphere.organisationId,
    path: sphere.path,
    role: pick(roles),
    status: pick(statuses),
  }));

  const scoped = (organisationId: string, role: HeldOrgRole['role'], regionIndex: number): HeldOrgRole => {
    const scope = regions.filter((r) => r.organisationId === organisationId)[regionIndex];
    return { assignmentId: fakeId(random), organisationId, role, scopeSphereId: scope.id, scopePath: scope.path };
  };
  const orgRoles = [
    scoped(orgIds[0], 'system_manager', 3),
    scoped(orgIds[0], 'system_manager', 11),
    scoped(orgIds[1], 'org_owner', 5),
    scoped(orgIds[2], 'system_manager', 0),
  ];
  const profile: AccessProfile = {
    userId: fakeId(random),
    email: 'regional@example.com',
    displayName: 'Regional Manager',
    instanceRole: null,
    organisationIds: [orgIds[0], orgIds[1]],
    orgRoles,
    memberships,
  };

  // a third on spheres the user is a member of, a third inside a managed subtree, a third anywhere
  const inScope = spheres.filter((s) =>
    orgRoles.some((h) => h.organisationId === s.organisationId && s.path.startsWith(h.scopePath!)),
  );
  const members = [...memberSpheres.values()];
  const checks: Check[] = Array.from({ length: checkCount }, () => {
    const r = random();
    const sphere = r < 1 / 3 ? pick(members) : r < 2 / 3 ? pick(inScope) : pick(spheres);
    return { action: pick(CHECKED_ACTIONS), sphere };
  });
  return { profile, checks };
}

// ---------------------------------------------------------------------------------------------------------------
// The reference: the rules of AbilityFactory.forProfile for spheres, by hand

export type SphereCheck = (action: CheckedAction, sphere: SphereFacts) => boolean;

/** What an archived sphere refuses to anyone (the `cannot` at the end of forProfile). */
const REFUSED_WHEN_ARCHIVED = new Set<string>(['update', 'post', 'create_child', 'manage_members', 'join', 'moderate']);

/**
 * The sphere rules of AbilityFactory.forProfile, for a user who is not the instance admin:
 * Sets of sphere ids per role threshold, scoped organisation roles as path prefixes per organisation.
 */
export function referenceChecker(profile: AccessProfile): SphereCheck {
  if (profile.instanceRole === 'instance_admin') throw new Error('the reference covers non-admin users only');
  const organisations = new Set(profile.organisationIds);
  const visible = new Set<string>();
  const reading = new Set<string>();
  const posting = new Set<string>();
  const moderating = new Set<string>();
  const administering = new Set<string>();
  for (const m of profile.memberships) {
    if (m.status !== 'banned') visible.add(m.sphereId);
    if (m.status === 'active' || m.status === 'muted') reading.add(m.sphereId);
    if (m.status !== 'active') continue;
    if (sphereRoleAtLeast(m.role, 'member')) posting.add(m.sphereId);
    if (sphereRoleAtLeast(m.role, 'animator')) moderating.add(m.sphereId);
    if (sphereRoleAtLeast(m.role, 'sphere_admin')) administering.add(m.sphereId);
  }
  // organisation id → path prefixes of the subtrees managed there ('' = the whole organisation)
  const scopes = new Map<string, string[]>();
  for (const held of profile.orgRoles) {
    const prefixes = scopes.get(held.organisationId) ?? [];
    prefixes.push(held.scopePath ?? '');
    scopes.set(held.organisationId, prefixes);
  }
  const manages = (sphere: SphereFacts): boolean =>
    scopes.get(sphere.organisationId)?.some((prefix) => sphere.path.startsWith(prefix)) ?? false;

  return (action, sphere) => {
    if (sphere.archived && REFUSED_WHEN_ARCHIVED.has(action)) return false;
    switch (action) {
      case 'read':
        return (
          (organisations.has(sphere.organisationId) && sphere.visibility !== 'secret') ||
          visible.has(sphere.id) ||
          manages(sphere)
        );
      case 'read_content':
        return reading.has(sphere.id);
      case 'post':
        return posting.has(sphere.id);
      case 'moderate':
        return moderating.has(sphere.id) || manages(sphere);
      case 'update':
      case 'manage_members':
        return administering.has(sphere.id) || manages(sphere);
      case 'create_child':
      case 'move':
        return manages(sphere);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Equivalence, then timing

export function assertSameAnswers(workload: AbilityWorkload): { allowed: number } {
  const ability = new AbilityFactory(RULES).forProfile(workload.profile);
  const reference = referenceChecker(workload.profile);
  let allowed = 0;
  const mismatches: string[] = [];
  for (const [index, { action, sphere }] of workload.checks.entries()) {
    const app = ability.can(action, sphereSubject(sphere));
    if (app !== reference(action, sphere)) {
      mismatches.push(`#${index} ${action} ${JSON.stringify(sphere)}: CASL ${app}, reference ${!app}`);
    }
    if (app) allowed++;
  }
  if (mismatches.length > 0) {
    throw new Error(
      `CASL and the reference disagree on ${mismatches.length} of ${workload.checks.length} checks ` +
        `(the comparison would be meaningless):\n${mismatches.slice(0, 10).join('\n')}`,
    );
  }
  // a workload where (almost) everything is allowed or refused would not exercise the rules
  const share = allowed / workload.checks.length;
  if (share < 0.1 || share > 0.9) throw new Error(`unbalanced workload: ${(share * 100).toFixed(1)}% allowed`);
  return { allowed };
}

interface Side {
  build: () => unknown;
  checker: (built: unknown) => (check: Check) => boolean;
}

function sides(profile: AccessProfile): Record<'app' | 'reference', Side> {
  const factory = new AbilityFactory(RULES);
  return {
    app: {
      build: () => factory.forProfile(profile),
      checker: (built) => {
        const ability = built as AppAbility;
        // as the services do: tag a fresh record per check (`can(action, sphereSubject(facts))`)
        return ({ action, sphere }) => ability.can(action, sphereSubject(sphere));
      },
    },
    reference: {
      build: () => referenceChecker(profile),
      checker: (built) => {
        const check = built as SphereCheck;
        return ({ action, sphere }) => check(action, sphere);
      },
    },
  };
}

/** Results fed back into the loop's output, so no engine can drop the checks as dead code. */
let sink = 0;

const now = () => process.hrtime.bigint();
const elapsedNs = (since: bigint) => Number(now() - since);

/** One sample of one side: builds × `builds`, then `passes` × all checks on a used ability, then fresh build + checks. */
function measureSide(side: Side, workload: AbilityWorkload, builds: number, passes: number): AbilitySample {
  let started = now();
  let built: unknown;
  for (let i = 0; i < builds; i++) built = side.build();
  const buildUs = elapsedNs(started) / builds / 1000;

  const warm = side.checker(built);
  for (const check of workload.checks) if (warm(check)) sink++;
  started = now();
  for (let pass = 0; pass < passes; pass++) for (const check of workload.checks) if (warm(check)) sink++;
  const checkNs = elapsedNs(started) / (passes * workload.checks.length);

  started = now();
  const fresh = side.checker(side.build());
  for (const check of workload.checks) if (fresh(check)) sink++;
  const totalUs = elapsedNs(started) / 1000;
  return { buildUs, checkNs, totalUs };
}

export async function measureAbilityCost(
  workload: AbilityWorkload,
  rounds: number,
): Promise<{ app: AbilitySample[]; reference: AbilitySample[] }> {
  const builds = 200;
  const passes = 5;
  const samples = await alternate<Side, AbilitySample>({
    rounds,
    targets: sides(workload.profile),
    warmup: (side) => {
      for (let i = 0; i < 3; i++) measureSide(side, workload, builds, passes);
      return Promise.resolve();
    },
    measure: (side) => Promise.resolve(measureSide(side, workload, builds, passes)),
    describe: (s) =>
      `build ${s.buildUs.toFixed(1)} µs  check ${s.checkNs.toFixed(0)} ns  build+checks ${s.totalUs.toFixed(0)} µs`,
  });
  if (sink < 0) console.log(sink); // never true; keeps `sink` observable
  return { app: samples.app, reference: samples.reference };
}
