import {
  as,
  createOrganisation,
  createSphere,
  grantRole,
  instanceAdmin,
  publishCharter,
  putMember,
  registerUser,
  requestSphere,
} from '../factories/structure';
import { createPost } from '../factories/content';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

interface Item {
  kind: string;
  sphereId: string | null;
  subject: { type: string; id: string | null };
  actorId: string | null;
}

/** Who hears of what beyond posts: requests, decisions, roles, charters, moderation. */
describe('notifications of structure and moderation events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(() => t.close());

  const items = async (user: TestUser) =>
    (await t.http.get('/api/v1/notifications?limit=100').set(as(user)).expect(200)).body.items as Item[];
  /** Waits until the user holds a notification of this kind (about this subject, if given). */
  const told = (user: TestUser, kind: string, subjectId?: string) =>
    eventually(
      async () =>
        (await items(user)).find((i) => i.kind === kind && (subjectId === undefined || i.subject.id === subjectId)),
      20_000,
      `${kind} for ${user.displayName}`,
    );
  const kinds = async (user: TestUser) => (await items(user)).map((i) => i.kind).sort();

  /** An organisation: a public lobby, a private region with its animator, a manager of that region. */
  async function network() {
    const admin = await instanceAdmin(t);
    const org = await createOrganisation(t, admin);
    const lobby = await createSphere(t, admin, org.id, { visibility: 'public' });
    const region = await createSphere(t, admin, org.id, { visibility: 'private' });
    const [animator, requester, manager, outsiderManager] = await Promise.all(
      [1, 2, 3, 4].map(() => registerUser(t.http)),
    );
    await putMember(t, admin, region.id, animator.id, 'animator');
    await putMember(t, admin, lobby.id, requester.id, 'member');
    const otherRegion = await createSphere(t, admin, org.id, { visibility: 'private' });
    await grantRole(t, admin, org.id, { userId: manager.id, role: 'system_manager', scopeSphereId: region.id });
    await grantRole(t, admin, org.id, {
      userId: outsiderManager.id,
      role: 'system_manager',
      scopeSphereId: otherRegion.id,
    });
    return { admin, org, lobby, region, animator, requester, manager, outsiderManager };
  }

  it('tells animators of a join request, and the requester of the decision', async () => {
    const { region, animator, requester, manager } = await network();
    await t.http.post(`/api/v1/spheres/${region.id}/join`).set(as(requester)).expect(201);
    const request = await told(animator, 'join_request');
    expect(request).toMatchObject({ sphereId: region.id, subject: { type: 'membership', id: requester.id } });
    await t.http
      .post(`/api/v1/spheres/${region.id}/join-requests/${requester.id}/approve`)
      .set(as(animator))
      .expect(200);
    expect(await told(requester, 'join_request_decided')).toMatchObject({ actorId: animator.id, sphereId: region.id });
    expect(await kinds(manager)).not.toContain('join_request'); // managers are not the sphere's animators
  });

  it('tells the managers in scope of a sphere request (not those of another territory), then the requester', async () => {
    const { admin, org, region, requester, manager, outsiderManager } = await network();
    await putMember(t, admin, region.id, requester.id, 'member');
    const request = await requestSphere(t, requester, org.id, { parentId: region.id, name: 'Quartier nord' });
    expect(await told(manager, 'sphere_request', request.id)).toMatchObject({ actorId: requester.id });
    // written by the same job as the manager's: the organisation's owner (its creator) too, not another territory's
    expect(await kinds(admin)).toContain('sphere_request');
    expect(await kinds(outsiderManager)).not.toContain('sphere_request');
    await t.http
      .post(`/api/v1/organisations/${org.id}/sphere-requests/${request.id}/reject`)
      .set(as(manager))
      .send({ reason: 'Le groupe existe déjà' })
      .expect(200);
    expect(await told(requester, 'sphere_request_decided', request.id)).toMatchObject({ actorId: manager.id });
  }, 60_000);

  it('tells a member of a role granted and revoked, and every member of a new charter version', async () => {
    const { admin, org, animator, requester } = await network();
    const role = await grantRole(t, admin, org.id, { userId: requester.id, role: 'system_manager' });
    expect(await told(requester, 'role_granted', role.id)).toMatchObject({ actorId: admin.id });
    await t.http.delete(`/api/v1/organisations/${org.id}/roles/${role.id}`).set(as(admin)).expect(204);
    await told(requester, 'role_revoked', role.id);
    await publishCharter(t, admin, org.id);
    await told(animator, 'charter_updated');
    await told(requester, 'charter_updated');
  });

  it('tells the managers in scope of an escalated case, and reporter and author of the decision', async () => {
    const { admin, region, animator, requester, manager, outsiderManager } = await network();
    const [author, reporter] = [await registerUser(t.http), await registerUser(t.http)];
    await putMember(t, admin, region.id, author.id, 'member');
    await putMember(t, admin, region.id, reporter.id, 'member');
    const post = await createPost(t, author, region.id, 'Un propos hors charte');
    const report = await t.http
      .post('/api/v1/reports')
      .set(as(reporter))
      .send({ targetType: 'post', targetId: post.id, reason: 'off_charter' })
      .expect(201);
    const caseId = report.body.caseId as string;
    await t.http
      .post(`/api/v1/moderation/cases/${caseId}/escalation`)
      .set(as(animator))
      .send({ reason: 'Je préfère que la région décide' })
      .expect(200);
    expect(await told(manager, 'case_escalated', caseId)).toMatchObject({ actorId: animator.id });
    expect(await kinds(outsiderManager)).not.toContain('case_escalated');
    await t.http.post(`/api/v1/moderation/cases/${caseId}/claim`).set(as(manager)).expect(200);
    await t.http
      .post(`/api/v1/moderation/cases/${caseId}/decisions`)
      .set(as(manager))
      .send({ action: 'remove', reason: 'Hors charte' })
      .expect(200);
    await told(author, 'moderation_outcome', caseId);
    await told(reporter, 'moderation_outcome', caseId);
    expect(await kinds(requester)).not.toContain('moderation_outcome');
  }, 60_000);
});
