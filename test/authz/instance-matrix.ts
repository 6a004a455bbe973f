import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { as } from '../factories/structure';
import { userInput } from '../factories/users';
import type { Case, MatrixRow } from './matrix';
import type { Principal, World } from './principals';

/** Instance admins alone (anonymous 401, everyone else 403). */
const adminsOnly = (ok: number): Record<Principal, number> => ({
  anonymous: 401,
  outsider: 403,
  visitor: 403,
  member: 403,
  animator: 403,
  sphere_admin: 403,
  manager_in_scope: 403,
  manager_out_of_scope: 403,
  org_owner: 403,
  instance_admin: ok,
});
const everyone = (status: number) =>
  Object.fromEntries(Object.keys(adminsOnly(0)).map((principal) => [principal, status])) as Record<Principal, number>;

let png: Buffer | undefined;
const image = async () =>
  (png ??= await sharp({ create: { width: 64, height: 64, channels: 3, background: '#1d4ed8' } })
    .png()
    .toBuffer());
const upload = async (path: string): Promise<Case> => ({
  path,
  file: { field: 'file', bytes: await image(), name: 'logo.png', type: 'image/png' },
});

/** A fresh extra brand (its own host name), made by the instance admin. */
async function extraBrand(w: World): Promise<string> {
  const response = await w.t.http
    .post('/api/v1/instance/brands')
    .set(as(w.admin))
    .send({ name: 'Matrix brand', hosts: [`m-${randomBytes(5).toString('hex')}.example.org`] });
  if (response.status !== 201) throw new Error(`brand: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

let logoUrl: string | undefined;
async function storedImage(w: World): Promise<string> {
  if (!logoUrl) {
    const id = await extraBrand(w);
    const response = await w.t.http
      .put(`/api/v1/instance/brands/${id}/logo`)
      .set(as(w.admin))
      .attach('file', await image(), { filename: 'logo.png', contentType: 'image/png' });
    logoUrl = response.body.logoUrl as string;
  }
  return logoUrl.replace(/^\/api\/v1/, '');
}

/** White label (API.md "Instance"): the brand is public; changing it is for instance admins. */
export const INSTANCE_MATRIX: MatrixRow[] = [
  {
    route: 'PATCH /instance',
    prepare: () => ({ path: '/instance', body: { welcomeText: 'Bienvenue' } }),
    expected: adminsOnly(200),
  },
  { route: 'PUT /instance/logo', prepare: () => upload('/instance/logo'), expected: adminsOnly(200) },
  { route: 'PUT /instance/favicon', prepare: () => upload('/instance/favicon'), expected: adminsOnly(200) },
  { route: 'DELETE /instance/logo', prepare: () => ({ path: '/instance/logo' }), expected: adminsOnly(200) },
  { route: 'DELETE /instance/favicon', prepare: () => ({ path: '/instance/favicon' }), expected: adminsOnly(200) },
  {
    route: 'GET /instance/images/:file',
    prepare: async (w) => ({ path: await storedImage(w) }),
    expected: everyone(200),
  },
  { route: 'GET /instance/brands', prepare: () => ({ path: '/instance/brands' }), expected: adminsOnly(200) },
  {
    route: 'POST /instance/brands',
    prepare: () => ({
      path: '/instance/brands',
      body: { name: 'New brand', hosts: [`n-${randomBytes(5).toString('hex')}.example.org`] },
    }),
    expected: adminsOnly(201),
  },
  {
    route: 'PATCH /instance/brands/:id',
    prepare: async (w) => ({ path: `/instance/brands/${await extraBrand(w)}`, body: { shortName: 'Matrix' } }),
    expected: adminsOnly(200),
  },
  {
    route: 'DELETE /instance/brands/:id',
    prepare: async (w) => ({ path: `/instance/brands/${await extraBrand(w)}` }),
    expected: adminsOnly(204),
  },
  {
    route: 'PUT /instance/brands/:id/logo',
    prepare: async (w) => upload(`/instance/brands/${await extraBrand(w)}/logo`),
    expected: adminsOnly(200),
  },
  {
    route: 'PUT /instance/brands/:id/favicon',
    prepare: async (w) => upload(`/instance/brands/${await extraBrand(w)}/favicon`),
    expected: adminsOnly(200),
  },
  {
    route: 'DELETE /instance/brands/:id/logo',
    prepare: async (w) => ({ path: `/instance/brands/${await extraBrand(w)}/logo` }),
    expected: adminsOnly(200),
  },
  {
    route: 'DELETE /instance/brands/:id/favicon',
    prepare: async (w) => ({ path: `/instance/brands/${await extraBrand(w)}/favicon` }),
    expected: adminsOnly(200),
  },
  {
    route: 'POST /instance/email-preview',
    prepare: () => ({ path: '/instance/email-preview', body: { draft: { name: 'Preview' } } }),
    expected: adminsOnly(200),
  },
  { route: 'GET /instance/audit-log', prepare: () => ({ path: '/instance/audit-log' }), expected: adminsOnly(200) },
  // accounts made by instance admins (how people join a brand whose registration is closed)
  { route: 'POST /users', prepare: () => ({ path: '/users', body: userInput() }), expected: adminsOnly(201) },
];
