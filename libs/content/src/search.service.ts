import { Injectable } from '@nestjs/common';
import { AuthContext, contentScope } from '@alveole/access';
import { decodeCursor, keysetPage, Page } from '@alveole/core';
import { AccessProfiles } from '@alveole/structure';
import { SearchHit, SearchRepository } from './search.repository';

/** Full-text search over what the reader may read: their active spheres, the history rule, pending posts. */
@Injectable()
export class SearchService {
  constructor(
    private readonly search: SearchRepository,
    private readonly access: AccessProfiles,
  ) {}

  async posts(auth: AuthContext, text: string, limit: number, cursor?: string): Promise<Page<SearchHit>> {
    const { profile } = await this.access.of(auth);
    const { readable, moderated } = contentScope(profile);
    const after = cursor
      ? decodeCursor<{ rank: number; id: string }>(cursor, { rank: 'number', id: 'uuid' })
      : undefined;
    const rows = await this.search.search(auth.userId, text, readable, moderated, limit + 1, after);
    return keysetPage(rows, limit, (last) => ({ rank: last.rank, id: last.id }));
  }
}
