import { EntityManager } from 'typeorm';

/** What an organisation does with a leaving member's posts, comments and files. */
export const CONTENT_ON_ERASURE = ['anonymise', 'delete'] as const;
export type ContentOnErasure = (typeof CONTENT_ON_ERASURE)[number];

/** Where an erasure applies: the whole account, or one organisation (an owner erasing a member's data there). */
export interface ErasureScope {
  organisationId?: string;
}

/** What every participant needs to know beyond the person. */
export interface ErasurePolicy {
  /** `former-member-…`: a stable keyed hash of the id, so one person's acts still group together. */
  pseudonym: string;
  /** The same hash shaped as a UUID, for uuid columns that must keep a value (cases about the person). */
  pseudonymId: string;
  /** Values to blank wherever they stand whole in JSON (snapshots, payloads): the e-mail and display name. */
  identifying: string[];
}

/**
 * Work a context does inside the erasure's one transaction (a throw refuses the whole erasure, as the
 * last-owner check does). Provided by each context and composed under ERASURE_PARTICIPANTS by the app,
 * as REGISTRATION_EXTENSION is: identity knows no other context. With an organisation in the scope, a
 * participant touches that organisation's rows only, and the account stays.
 */
export interface ErasureParticipant {
  erase(manager: EntityManager, userId: string, scope: ErasureScope, policy: ErasurePolicy): Promise<void>;
}

export const ERASURE_PARTICIPANTS = Symbol('ERASURE_PARTICIPANTS');
