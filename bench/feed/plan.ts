/*
 * What bench:feed seeds (see seed.ts): sizes, and the names the bench finds the rows by after a clone.
 */

export interface SeedPlan {
  users: number;
  /** Users 1..readers: the tokens the load rotates over; members of the mid sphere, authors of the reactions. */
  readers: number;
  /** Posts of the big sphere. */
  posts: number;
  /** Posts newer than the deep pages (page size × (page − 1)): reactions are also seeded around there. */
  deepOffset: number;
}

/** Posts of the mid sphere: "page 1 at 10,000 posts" against page 1 at `posts`. */
export const MID_POSTS = 10_000;
/** Small spheres besides the mid one: 99 small spheres in all. */
export const SMALL_SPHERES = 98;
export const SMALL_POSTS = 300;

export const BIG_SLUG = 'reseau';
export const MID_SLUG = 'groupe-1';
/** This small sphere hides older posts from newcomers; its members joined 30 days ago. */
export const HIDDEN_HISTORY_SLUG = 'groupe-2';
export const smallSlug = (n: number) => `groupe-${n}`;
export const userEmail = (k: number) => `bench-feed-user-${k}@example.com`;

export type SeedLog = (line: string) => void;
