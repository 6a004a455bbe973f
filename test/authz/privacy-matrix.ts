import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { FILE_STORAGE, FileStorage } from '@alveole/documents';
import { as } from '../factories/structure';
import type { MatrixRow } from './matrix';
import { Principal, PRINCIPALS, World } from './principals';

const signedIn = (status: number): Record<Principal, number> => ({
  ...(Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Principal, number>),
  anonymous: 401,
});

const everyone = (status: number): Record<Principal, number> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, status])) as Record<Principal, number>;

/** A ready export of the member, its bytes in storage (put there directly: the matrix runs no worker). */
async function membersReadyExport(w: World): Promise<string> {
  const id = randomUUID();
  await w.t.db.query(
    `INSERT INTO data_exports (id, user_id, status, storage_key, size, ready_at)
     VALUES ($1, $2, 'ready', $3, 2, now())`,
    [id, w.users.member.id, `exports/${id}`],
  );
  const storage = w.t.app.get<symbol, FileStorage>(FILE_STORAGE, { strict: false });
  await storage.write(`exports/${id}`, Readable.from([Buffer.from('PK')]));
  return id;
}

const dropExports = async (w: World) => void (await w.t.db.query(`DELETE FROM data_exports`));

/** Exports of my data: each signed-in person their own; the download link is the only credential of its route. */
export const PRIVACY_MATRIX: MatrixRow[] = [
  {
    route: 'POST /me/export',
    prepare: () => ({ path: '/me/export' }),
    expected: signedIn(202),
    cleanup: dropExports,
  },
  { route: 'GET /me/exports', prepare: () => ({ path: '/me/exports' }), expected: signedIn(200) },
  {
    route: 'POST /me/exports/:id/link',
    prepare: async (w) => ({ path: `/me/exports/${await membersReadyExport(w)}/link` }),
    // someone else's export is not found
    expected: { ...signedIn(404), member: 201 },
    cleanup: dropExports,
  },
  {
    route: 'GET /exports/:token',
    prepare: async (w) => {
      const link = await w.t.http
        .post(`/api/v1/me/exports/${await membersReadyExport(w)}/link`)
        .set(as(w.users.member))
        .expect(201);
      return { path: (link.body.url as string).replace(/^\/api\/v1/, '') };
    },
    expected: everyone(200),
    cleanup: dropExports,
  },
];
