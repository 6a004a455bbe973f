import { Injectable } from '@nestjs/common';
import { FastQuery } from '@alveole/core';
import { visibleTo } from './feed.statements';
import { PostView, postViewColumns } from './post-view';

export interface SearchHit extends PostView {
  rank: number;
}

/**
 * Full-text search over the posts a reader may read. The query is parsed by the three configurations
 * the stored vector holds ('simple' for names and exact words, 'french' and 'english' for inflections)
 * and OR-ed; ranked by ts_rank, ties by id, keyset on (rank, id).
 * $1 reader, $2 text, $3 readable spheres, $4 moderated spheres, $5 rows, then $6, $7 the position.
 */
// posts_search_idx (GIN on search) WHERE deleted_at IS NULL, then memberships_pkey for the history rule
const search = (bound: string) => `
  WITH q AS (SELECT websearch_to_tsquery('simple', $2) || websearch_to_tsquery('french', $2)
                    || websearch_to_tsquery('english', $2) AS query),
  hits AS (
    SELECT p.id, ts_rank(p.search, q.query) AS rank
    FROM posts p CROSS JOIN q
    JOIN spheres s ON s.id = p.sphere_id
    JOIN memberships m ON m.sphere_id = p.sphere_id AND m.user_id = $1
    WHERE p.search @@ q.query AND p.deleted_at IS NULL AND p.sphere_id = ANY($3::uuid[])
      AND ${visibleTo('$1', 'p.sphere_id = ANY($4::uuid[])')}
      AND (s.history_visible_to_newcomers OR p.created_at >= coalesce(m.joined_at, m.created_at))
  )
  SELECT ${postViewColumns('$1')}, hits.rank
  FROM hits JOIN posts p ON p.id = hits.id
  WHERE true ${bound}
  ORDER BY hits.rank DESC, p.id DESC LIMIT $5`;

@Injectable()
export class SearchRepository {
  constructor(private readonly db: FastQuery) {}

  search(
    readerId: string,
    text: string,
    readable: string[],
    moderated: string[],
    rows: number,
    after?: { rank: number; id: string },
  ): Promise<SearchHit[]> {
    if (readable.length === 0) return Promise.resolve([]);
    const params: unknown[] = [readerId, text, readable, moderated, rows];
    if (!after) return this.db.rows<SearchHit>(search(''), params);
    return this.db.rows<SearchHit>(search('AND (hits.rank, p.id) < ($6::real, $7::uuid)'), [
      ...params,
      after.rank,
      after.id,
    ]);
  }
}
