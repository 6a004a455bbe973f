import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { as } from '../factories/structure';
import type { Case, MatrixRow } from './matrix';
import { contentTarget, Principal, World } from './principals';

const TUS = { 'tus-resumable': '1.0.0' };

const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

const creation = (sphereId: string) => ({
  ...TUS,
  'upload-length': '100',
  'upload-metadata': metadata({ sphereId, filename: 'matrix.pdf', filetype: 'application/pdf' }),
});

/** A fresh upload by the target sphere's member: its path, without /api/v1. */
async function memberUpload(w: World, suffix = ''): Promise<string> {
  const response = await w.t.http
    .post('/api/v1/uploads')
    .set(as(w.users.member))
    .set(creation(await contentTarget(w)));
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(response.body)}`);
  return `${(response.headers.location as string).replace(/^\/api\/v1/, '')}${suffix}`;
}

/**
 * Each call leaves an unfinished upload, and a person may hold 20 at once: the partial uploads go
 * after each call (their files, as the expiry sweep would remove them).
 */
async function removePartials(w: World): Promise<void> {
  const dir = join(w.t.env.DATA_DIR, 'uploads');
  if (!existsSync(dir)) return;
  await Promise.all(readdirSync(dir).map((entry) => rm(join(dir, entry), { recursive: true, force: true })));
}

/** An upload is its creator's: anyone else gets 404, as for an upload that does not exist. */
const creatorOnly = (ok: number): Record<Principal, number> => ({
  anonymous: 401,
  outsider: 404,
  visitor: 404,
  member: ok,
  animator: 404,
  sphere_admin: 404,
  manager_in_scope: 404,
  manager_out_of_scope: 404,
  org_owner: 404,
  instance_admin: 404,
});

export const UPLOADS_MATRIX: MatrixRow[] = [
  {
    route: 'OPTIONS /uploads',
    prepare: () => ({ path: '/uploads' }),
    expected: {
      anonymous: 204,
      outsider: 204,
      visitor: 204,
      member: 204,
      animator: 204,
      sphere_admin: 204,
      manager_in_scope: 204,
      manager_out_of_scope: 204,
      org_owner: 204,
      instance_admin: 204,
    },
  },
  {
    route: 'POST /uploads',
    cleanup: removePartials,
    prepare: async (w): Promise<Case> => ({ path: '/uploads', headers: creation(await contentTarget(w)) }),
    // who may post in the sphere; those who see it without being in it are told no (403)
    expected: {
      anonymous: 401,
      outsider: 404,
      visitor: 403,
      member: 201,
      animator: 201,
      sphere_admin: 201,
      manager_in_scope: 403,
      manager_out_of_scope: 403,
      org_owner: 403,
      instance_admin: 403,
    },
  },
  {
    route: 'HEAD /uploads/:uploadId',
    cleanup: removePartials,
    prepare: async (w) => ({ path: await memberUpload(w), headers: TUS }),
    expected: creatorOnly(200),
  },
  {
    route: 'PATCH /uploads/:uploadId',
    cleanup: removePartials,
    prepare: async (w) => ({
      path: await memberUpload(w),
      headers: { ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: Buffer.from('%PDF-1.7\n'),
    }),
    expected: creatorOnly(204),
  },
  {
    route: 'DELETE /uploads/:uploadId',
    cleanup: removePartials,
    prepare: async (w) => ({ path: await memberUpload(w), headers: TUS }),
    expected: creatorOnly(204),
  },
];
