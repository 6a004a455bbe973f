import { Injectable } from '@nestjs/common';
import { AuthContext, contentScope } from '@alveole/access';
import { decodeCursor, encodeCursor, Page } from '@alveole/core';
import { ContentAccess } from './content-access';
import { ContentErrors } from './content.errors';
import { oldestVisible } from './content-sphere';
import { FeedPosition, FeedsRepository, FeedWindow } from './feeds.repository';
import { PostView } from './post-view';
import { PostsRepository } from './posts.repository';

export interface FeedQuery {
  limit: number;
  cursor?: string;
  since?: string;
}

/** A feed page, plus `sinceCursor`: give it back as `?since=` to get what is newer (reconnect resync). */
export interface FeedPage extends Page<PostView> {
  sinceCursor: string | null;
  /** On a `since` page: more newer posts wait, call again with the new `sinceCursor`. */
  more?: boolean;
}

/** The sphere feed (pinned first on the first page) and the home feed, newest first. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly posts: PostsRepository,
    private readonly access: ContentAccess,
  ) {}

  async sphere(auth: AuthContext, sphereId: string, query: FeedQuery): Promise<FeedPage> {
    const access = await this.access.of(auth);
    const sphere = this.access.readableSphere(access, await this.posts.sphereForReader(sphereId, auth.userId));
    const window = windowOf(query);
    const rows = await this.feeds.sphere(
      {
        sphereId,
        readerId: auth.userId,
        seesAllPending: this.access.seesPendingPosts(access, sphere),
        oldestVisible: oldestVisible(sphere),
        rows: query.limit + 1,
      },
      window,
    );
    return pageOf(rows, query, window, window.kind === 'first');
  }

  async home(auth: AuthContext, query: FeedQuery): Promise<FeedPage> {
    const { profile } = await this.access.of(auth);
    const { readable, moderated } = contentScope(profile);
    const window = windowOf(query);
    const rows = await this.feeds.home({ readerId: auth.userId, readable, moderated, rows: query.limit + 1 }, window);
    return pageOf(rows, query, window, false);
  }
}

function windowOf(query: FeedQuery): FeedWindow {
  if (query.since) return { kind: 'since', position: decodePosition(query.since) };
  if (query.cursor) return { kind: 'after', position: decodePosition(query.cursor) };
  return { kind: 'first' };
}

export function decodePosition(cursor: string): FeedPosition {
  const position = decodeCursor<{ t: number; id: string }>(cursor, { t: 'number', id: 'uuid' });
  // µs go to SQL as int8: a fraction or a huge number is a made-up cursor (400), not a SQL error (500)
  if (!Number.isSafeInteger(position.t)) throw ContentErrors.invalidCursor();
  return position;
}

export function positionOf(post: { position: string; id: string }): string {
  return encodeCursor({ t: Number(post.position), id: post.id });
}

/**
 * Rows come with one extra to tell whether more follow (on a sphere's first page, pinned posts come
 * on top of that). Newest first, except `since` pages: read oldest first, so a long gap is filled in
 * order by repeating the call, then shown newest first.
 */
function pageOf(rows: PostView[], query: FeedQuery, window: FeedWindow, pinnedHead: boolean): FeedPage {
  if (window.kind === 'since') {
    const kept = rows.slice(0, query.limit);
    const newest = kept[kept.length - 1];
    return {
      items: kept.reverse(),
      nextCursor: null,
      sinceCursor: newest ? positionOf(newest) : query.since!,
      more: rows.length > query.limit,
    };
  }
  const head = pinnedHead ? rows.filter((post) => post.pinned) : [];
  const chronological = pinnedHead ? rows.filter((post) => !post.pinned) : rows;
  const kept = chronological.slice(0, query.limit);
  const last = kept[kept.length - 1];
  const items = head.concat(kept);
  const newest = items.reduce<PostView | undefined>(
    (found, post) => (!found || Number(post.position) > Number(found.position) ? post : found),
    undefined,
  );
  return {
    items,
    nextCursor: chronological.length > query.limit ? positionOf(last) : null,
    sinceCursor: newest ? positionOf(newest) : null,
  };
}
