import { Injectable } from '@nestjs/common';
import { FastQuery, ISO_TIMESTAMPS } from '@alveole/core';
import { cutToAsked, feedStatement } from './feed.statements';
import { PostView } from './post-view';

/** A keyset position: created_at in µs since the epoch, then the id. */
export interface FeedPosition {
  t: number;
  id: string;
}

export type FeedWindow =
  { kind: 'first' } | { kind: 'after'; position: FeedPosition } | { kind: 'since'; position: FeedPosition };

export interface SphereFeedQuery {
  sphereId: string;
  readerId: string;
  seesAllPending: boolean;
  oldestVisible: Date | string;
  /** Rows to fetch: one more than the page, to know whether there is a next one. */
  rows: number;
}

export interface HomeFeedQuery {
  readerId: string;
  readable: string[];
  moderated: string[];
  rows: number;
}

/**
 * Feed pages, each one prepared statement (see feed.statements.ts for the plans they rely on). Their timestamps
 * come as ISO strings: they only go out as JSON (a Date each would cost ~2 µs, 20 posts a page).
 */
@Injectable()
export class FeedsRepository {
  constructor(private readonly db: FastQuery) {}

  async sphere(query: SphereFeedQuery, window: FeedWindow): Promise<PostView[]> {
    const params: unknown[] = [query.sphereId, query.readerId, query.seesAllPending, query.oldestVisible];
    if (window.kind !== 'first') params.push(window.position.t, window.position.id);
    const { name, text } = feedStatement('sphere', window.kind, query.rows);
    const rows = await this.db.prepared<PostView>(name, text, params, ISO_TIMESTAMPS);
    return cutToAsked(rows, query.rows, window.kind === 'first');
  }

  async home(query: HomeFeedQuery, window: FeedWindow): Promise<PostView[]> {
    if (query.readable.length === 0) return [];
    const params: unknown[] = [query.readerId, query.readable, query.moderated];
    if (window.kind !== 'first') params.push(window.position.t, window.position.id);
    const { name, text } = feedStatement('home', window.kind, query.rows);
    const rows = await this.db.prepared<PostView>(name, text, params, ISO_TIMESTAMPS);
    return cutToAsked(rows, query.rows, false);
  }
}
