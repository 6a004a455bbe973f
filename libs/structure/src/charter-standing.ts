import { MembershipStatus } from '@alveole/access';

/**
 * Where a user stands with a sphere's charter: the organisation's (`current` 0 = no charter yet,
 * `accepted` once per organisation) and the sphere's addendum (`addendumVersion` 0 = none,
 * `addendumAccepted` per membership).
 */
export interface CharterStanding {
  current: number;
  accepted: number | null;
  addendumVersion: number;
  addendumAccepted: number | null;
  status: MembershipStatus | null;
}

/**
 * What is already accepted. The same test as the access profile's `mustAcceptCharter`
 * (access-profile.sql.ts): an addendum binds only under a published charter.
 */
export function acceptedParts(standing: CharterStanding): { charter: boolean; addendum: boolean } {
  if (standing.current === 0) return { charter: true, addendum: true };
  return {
    charter: (standing.accepted ?? 0) >= standing.current,
    addendum: (standing.addendumAccepted ?? 0) >= standing.addendumVersion,
  };
}

export function mustAcceptCharter(standing: CharterStanding): boolean {
  const accepted = acceptedParts(standing);
  return !accepted.charter || !accepted.addendum;
}
