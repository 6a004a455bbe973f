import { randomBytes } from 'node:crypto';
import { samples } from '../factories/documents';
import { as } from '../factories/structure';
import type { Case, MatrixRow } from './matrix';
import { readers, statuses, writers } from './content-matrix';
import { contentTarget, World } from './principals';

/** The uploader (or creator: the target's member) and the sphere's animators. */
const ownerOrModerators = (ok: number) => ({ ...readers(403), member: ok, animator: ok, sphere_admin: ok });

const pdf = () => ({ field: 'file', bytes: samples.pdf(512), name: 'matrix.pdf', type: 'application/pdf' });

async function documentIn(w: World): Promise<string> {
  const response = await w.t.http
    .post(`/api/v1/spheres/${await contentTarget(w)}/documents`)
    .set(as(w.users.member))
    .attach('file', samples.pdf(512), { filename: 'matrix.pdf', contentType: 'application/pdf' });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

async function folderIn(w: World): Promise<string> {
  const response = await w.t.http
    .post(`/api/v1/spheres/${await contentTarget(w)}/folders`)
    .set(as(w.users.member))
    .send({ name: `Matrix ${randomBytes(4).toString('hex')}` });
  if (response.status !== 201) throw new Error(`folder: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** One document for calls that change nothing (built once per world). */
const reading = new WeakMap<World, Promise<string>>();
const readDocument =
  (suffix = '') =>
  async (w: World): Promise<Case> => {
    let found = reading.get(w);
    if (!found) reading.set(w, (found = documentIn(w)));
    return { path: `/documents/${await found}${suffix}` };
  };
const freshDocument =
  (suffix: string, extra: Omit<Case, 'path'> = {}) =>
  async (w: World): Promise<Case> => ({
    path: `/documents/${await documentIn(w)}${suffix}`,
    ...extra,
  });
const freshFolder =
  (body?: unknown) =>
  async (w: World): Promise<Case> => ({
    path: `/folders/${await folderIn(w)}`,
    body,
  });

/**
 * Documents are the sphere's content, with the content rows' principals (`statuses`): 404 at a document
 * for whoever may not read it, like an unknown id; 403 at the sphere's routes for those who see it only.
 */
export const DOCUMENTS_MATRIX: MatrixRow[] = [
  {
    route: 'POST /spheres/:sphereId/documents',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/documents`, file: pdf() }),
    expected: statuses(writers(201), 403),
  },
  {
    route: 'GET /spheres/:sphereId/documents',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/documents` }),
    expected: statuses(readers(200), 403),
  },
  { route: 'GET /documents/:id', prepare: readDocument(), expected: statuses(readers(200), 404) },
  { route: 'GET /documents/:id/versions', prepare: readDocument('/versions'), expected: statuses(readers(200), 404) },
  { route: 'GET /documents/:id/content', prepare: readDocument('/content'), expected: statuses(readers(200), 404) },
  {
    route: 'POST /documents/:id/versions',
    prepare: freshDocument('/versions', { file: pdf() }),
    expected: statuses(ownerOrModerators(201), 404),
  },
  {
    route: 'PATCH /documents/:id',
    prepare: freshDocument('', { body: { name: 'Renamed.pdf' } }),
    expected: statuses(ownerOrModerators(200), 404),
  },
  { route: 'DELETE /documents/:id', prepare: freshDocument(''), expected: statuses(ownerOrModerators(204), 404) },
  {
    route: 'POST /spheres/:sphereId/folders',
    prepare: async (w) => ({
      path: `/spheres/${await contentTarget(w)}/folders`,
      body: { name: `Folder ${randomBytes(4).toString('hex')}` },
    }),
    expected: statuses(writers(201), 403),
  },
  {
    route: 'GET /spheres/:sphereId/folders',
    prepare: async (w) => ({ path: `/spheres/${await contentTarget(w)}/folders` }),
    expected: statuses(readers(200), 403),
  },
  {
    route: 'PATCH /folders/:id',
    prepare: freshFolder({ name: `Renamed ${randomBytes(4).toString('hex')}` }),
    expected: statuses(ownerOrModerators(200), 404),
  },
  { route: 'DELETE /folders/:id', prepare: freshFolder(), expected: statuses(ownerOrModerators(204), 404) },
];
