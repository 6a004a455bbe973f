import { api } from './api/client';
import type { components } from './api/schema';

export type Post = components['schemas']['PostResponse'];
export type FeedPage = components['schemas']['FeedPage'];
export type FeedSource = { sphereId: string } | { home: true };

/** Posts per page: ten keep the first screen light on old phones; "load more" brings the next ten. */
export const PAGE_SIZE = 10;

/** One page of a sphere's feed or of my home feed: `cursor` for older posts, `since` for newer ones. */
export async function readFeed(source: FeedSource, given: { cursor?: string; since?: string }) {
  const query = given.since ? given : { ...given, limit: PAGE_SIZE };
  const { data, error } =
    'sphereId' in source
      ? await api.GET('/api/v1/spheres/{sphereId}/posts', { params: { path: { sphereId: source.sphereId }, query } })
      : await api.GET('/api/v1/feed', { params: { query } });
  return { page: data as FeedPage | undefined, error };
}

/** Everything newer than `since`, page after page (a long disconnection may hide many). */
export async function readSince(source: FeedSource, since: string): Promise<{ posts: Post[]; since: string }> {
  const posts: Post[] = [];
  let cursor = since;
  for (let pages = 0; pages < 10; pages++) {
    const { page } = await readFeed(source, { since: cursor });
    if (!page) break;
    posts.push(...page.items);
    cursor = page.sinceCursor ?? cursor;
    if (!page.more) break;
  }
  return { posts, since: cursor };
}
