import { Injectable } from '@nestjs/common';
import type { AuthContext } from '@alveole/access';
import { FastQuery } from '@alveole/core';

export interface Profile {
  id: string;
  email: string | null;
  username: string | null;
  displayName: string;
  locale: string | null;
}

export interface ProfileChange {
  displayName?: string;
  /** null: follow the browser's language again. */
  locale?: string | null;
}

const PROFILE_COLUMNS = `id, email, username, display_name AS "displayName", locale`;

/** What a user edits about themself: the name others see, the language they read. */
@Injectable()
export class ProfileService {
  constructor(private readonly db: FastQuery) {}

  async read(auth: AuthContext): Promise<Profile> {
    const [profile] = await this.db.rows<Profile>(`SELECT ${PROFILE_COLUMNS} FROM users WHERE id = $1`, [auth.userId]);
    return profile;
  }

  /** One statement: a field left out keeps its value. The next request sees the new name. */
  async update(auth: AuthContext, change: ProfileChange): Promise<Profile> {
    const [profile] = await this.db.rows<Profile>(
      `UPDATE users SET display_name = coalesce($2, display_name),
                        locale = CASE WHEN $3 THEN $4 ELSE locale END,
                        updated_at = now()
        WHERE id = $1 RETURNING ${PROFILE_COLUMNS}`,
      [auth.userId, change.displayName ?? null, change.locale !== undefined, change.locale ?? null],
    );
    return profile;
  }
}
