import { randomUUID } from 'node:crypto';
import {
  as,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  putMember,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A secret sphere the caller may not see does not exist for them (API.md: 404, not 403): naming it as a
 * parent answers exactly like an id nobody has, or a sphere of another organisation (issue 9).
 */
describe('a secret parent answers like an unknown one', () => {
  let t: TestApp;
  let organisationId: string;
  let secretId: string;
  let foreignId: string;
  let manager: TestUser;
  let member: TestUser;
  let movable: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await instanceAdmin(t);
    const organisation = await createOrganisation(t, admin);
    organisationId = organisation.id;
    const other = await createOrganisation(t, admin);
    foreignId = (await createSphere(t, admin, other.id)).id;
    const region = await createSphere(t, admin, organisationId, { name: 'Region' });
    // a manager of another branch: sees the region's public spheres, not the secret one inside it
    const branch = await createSphere(t, admin, organisationId, { name: 'Branch' });
    secretId = (await createSphere(t, admin, organisationId, { parentId: region.id, visibility: 'secret' })).id;
    [manager, member] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
    await grantRole(t, admin, organisationId, { userId: manager.id, role: 'system_manager', scopeSphereId: branch.id });
    await putMember(t, admin, region.id, member.id, 'member');
    movable = (await createSphere(t, manager, organisationId, { parentId: branch.id })).id;
  });
  afterAll(() => t.close());

  /** The three answers (secret, unknown, another organisation's) to the same request. */
  async function answers(send: (parentId: string) => Promise<{ status: number; body: unknown }>) {
    const [secret, unknown, foreign] = [await send(secretId), await send(randomUUID()), await send(foreignId)];
    return {
      secret: [secret.status, secret.body],
      unknown: [unknown.status, unknown.body],
      foreign: [foreign.status, foreign.body],
    };
  }

  const parentNotFound = [
    404,
    {
      type: expect.stringContaining('not-found'),
      title: 'Not Found',
      status: 404,
      detail: 'Parent sphere not found',
      instance: expect.any(String),
    },
  ];

  it('creating a sphere under it', async () => {
    const result = await answers((parentId) =>
      t.http
        .post(`/api/v1/organisations/${organisationId}/spheres`)
        .set(as(manager))
        .send({ name: 'Hidden child', kind: 'thematic', visibility: 'public', parentId }),
    );
    expect(result.secret).toEqual(result.unknown);
    expect(result.foreign).toEqual(result.unknown);
    expect(result.unknown).toEqual(parentNotFound);
  });

  it('moving a sphere under it', async () => {
    const result = await answers((parentId) =>
      t.http.post(`/api/v1/spheres/${movable}/move`).set(as(manager)).send({ parentId }),
    );
    expect(result.secret).toEqual(result.unknown);
    expect(result.foreign).toEqual(result.unknown);
    expect(result.unknown).toEqual(parentNotFound);
  });

  it('asking for a sphere under it', async () => {
    const result = await answers((parentId) =>
      t.http
        .post(`/api/v1/organisations/${organisationId}/sphere-requests`)
        .set(as(member))
        .send({ name: 'Hidden request', parentId, reason: 'We meet every week' }),
    );
    expect(result.secret).toEqual(result.unknown);
    expect(result.foreign).toEqual(result.unknown);
    expect(result.unknown).toEqual(parentNotFound);
  });
});
