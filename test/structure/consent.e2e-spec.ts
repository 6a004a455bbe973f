import { randomUUID } from 'node:crypto';
import {
  as,
  createInvitation,
  createOrganisation,
  createSphere,
  enrol,
  instanceAdmin,
  registerUser,
} from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Consent across organisations (issue 9): the managers of organisation B add to its spheres, or give roles
 * to, people of B only; anyone else comes in through an invitation they accept. An id nobody has and the
 * id of someone outside B answer alike, so those routes tell nobody which accounts exist.
 */
describe('consent across organisations', () => {
  let t: TestApp;
  let admin: TestUser;
  let ownerB: TestUser;
  let organisationB: string;
  let sphereB: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await instanceAdmin(t);
    ownerB = await registerUser(t.http);
    organisationB = (await createOrganisation(t, admin, { owner: ownerB })).id;
    sphereB = (await createSphere(t, ownerB, organisationB, { visibility: 'private' })).id;
  });
  afterAll(() => t.close());

  /** Someone of another organisation A, who came into A through an invitation. */
  async function personOfA(): Promise<TestUser> {
    const ownerA = await registerUser(t.http);
    const organisationA = (await createOrganisation(t, admin, { owner: ownerA })).id;
    const sphereA = await createSphere(t, ownerA, organisationA);
    const person = await registerUser(t.http);
    await enrol(t, ownerA, sphereA.id, [person], { stay: true });
    return person;
  }

  const putMember = (actor: TestUser, userId: string, sphereId = sphereB) =>
    t.http.put(`/api/v1/spheres/${sphereId}/members/${userId}`).set(as(actor)).send({ role: 'member' });
  const grantRole = (actor: TestUser, userId: string) =>
    t.http
      .post(`/api/v1/organisations/${organisationB}/roles`)
      .set(as(actor))
      .send({ userId, role: 'system_manager', scopeSphereId: sphereB });
  /** The answer without `instance`, which repeats the request's path (and so the id sent). */
  const answer = ({ status, body }: { status: number; body: Record<string, unknown> }) => {
    const { instance: _path, ...rest } = body;
    return { status, ...rest };
  };

  it('refuses a manager of B adding someone outside B to a sphere, exactly as an id nobody has', async () => {
    const outsider = await personOfA();
    const known = answer(await putMember(ownerB, outsider.id));
    const unknown = answer(await putMember(ownerB, randomUUID()));
    expect(known).toEqual(unknown);
    expect(unknown).toEqual({ status: 404, type: 'not-found', title: 'Not Found', detail: 'User not found' });
    // nothing of B reached them
    const me = await t.http.get('/api/v1/me').set(as(outsider)).expect(200);
    expect(me.body.organisations.map((o: { id: string }) => o.id)).not.toContain(organisationB);
  });

  it('refuses a manager of B giving a role to someone outside B, exactly as an id nobody has', async () => {
    const outsider = await personOfA();
    const known = await grantRole(ownerB, outsider.id);
    const unknown = await grantRole(ownerB, randomUUID());
    expect(answer(known)).toEqual(answer(unknown));
    expect(known.body).toEqual(unknown.body);
    expect(answer(unknown)).toMatchObject({
      status: 422,
      type: 'validation-failed',
      errors: [{ field: 'userId', message: 'no member of this organisation has this id' }],
    });
  });

  it('lets them in once they accept an invitation; then managers of B add them and give them roles', async () => {
    const person = await personOfA();
    const invitation = await createInvitation(t, ownerB, sphereB);
    await t.http.post(`/api/v1/invitations/${invitation.code}/accept`).set(as(person)).expect(200);
    const elsewhere = (await createSphere(t, ownerB, organisationB)).id;
    expect((await putMember(ownerB, person.id, elsewhere)).status).toBe(201);
    expect((await grantRole(ownerB, person.id)).status).toBe(201);
  });

  it("lets the instance's administrators add an account directly (they see every account anyway)", async () => {
    const person = await personOfA();
    expect((await putMember(admin, person.id)).status).toBe(201);
    expect(answer(await putMember(admin, randomUUID()))).toMatchObject({ status: 404, detail: 'User not found' });
  });
});
