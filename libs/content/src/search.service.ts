import { Injectable } from '@nestjs/common';
import { AuthContext, contentScope } from '@alveole/access';
import { decodeCursor, keysetPage, Page } from '@alveole/core';
import { ContentAccess } from './content-access';
import { ContentErrors } from './content.errors';
import { SearchHit, SearchRepository } from './search.repository';

/** Full-text search over what the reader may read: their active spheres, the history rule, pending posts. */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly access: ContentAccess,
  ) {}

  async posts(auth: AuthContext, text: string, limit: number, cursor?: string): Promise<Page<SearchHit>> {
    const { profile } = await this.access.of(auth);
    const { readable, moderated } = contentScope(profile);
    const after = cursor ? decodeRankCursor(cursor) : undefined;
    const rows = await this.search.search(auth.userId, text, readable, moderated, limit + 1, after);
    return keysetPage(rows, limit, (last) => ({ rank: last.rank, id: last.id }));
  }
}

/** The rank goes to SQL as `real`: a value out of its range is a made-up cursor (400), not a SQL error (500). */
function decodeRankCursor(cursor: string): { rank: number; id: string } {
  const position = decodeCursor<{ rank: number; id: string }>(cursor, { rank: 'number', id: 'uuid' });
  const asReal = Math.fround(position.rank);
  if (!Number.isFinite(asReal) || (asReal === 0 && position.rank !== 0)) throw ContentErrors.invalidCursor();
  return position;
}
