import { createPost, sphereWithPeople } from '../factories/content';
import { as, createInvitation, createSphere, grantRole, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

interface CaseBody {
  id: string;
  status: string;
  kind: string;
  escalationReason: string | null;
  decision: string | null;
}

/** Requests of one test app, as the people of a moderation story make them. */
function moderation(t: TestApp) {
  return {
    report: (user: TestUser, body: Record<string, unknown>) => t.http.post('/api/v1/reports').set(as(user)).send(body),
    getCase: (user: TestUser, caseId: string) => t.http.get(`/api/v1/moderation/cases/${caseId}`).set(as(user)),
    claim: (user: TestUser, caseId: string) => t.http.post(`/api/v1/moderation/cases/${caseId}/claim`).set(as(user)),
    decide: (user: TestUser, caseId: string, body: Record<string, unknown>) =>
      t.http.post(`/api/v1/moderation/cases/${caseId}/decisions`).set(as(user)).send(body),
    escalate: (user: TestUser, caseId: string, reason: string) =>
      t.http.post(`/api/v1/moderation/cases/${caseId}/escalation`).set(as(user)).send({ reason }),
    orgQueue: async (user: TestUser, organisationId: string): Promise<CaseBody[]> =>
      (await t.http.get(`/api/v1/organisations/${organisationId}/moderation/cases`).set(as(user)).expect(200)).body
        .items,
  };
}

/** A sphere with its people, and a system manager whose scope is that sphere (not a member of it). */
async function territory(t: TestApp, fields: Record<string, unknown> = {}) {
  const people = await sphereWithPeople(t, fields);
  const manager = await registerUser(t.http);
  await grantRole(t, people.admin, people.org.id, {
    userId: manager.id,
    role: 'system_manager',
    scopeSphereId: people.sphere.id,
  });
  return { ...people, manager };
}

describe('escalation to the system managers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(() => t.close());

  it('sends a case about an animator’s post straight up; the managers decide it without being members', async () => {
    const { sphere, org, animator, member, admin, manager } = await territory(t);
    const peer = await registerUser(t.http);
    await putMember(t, admin, sphere.id, peer.id, 'animator');
    const api = moderation(t);
    const post = await createPost(t, animator, sphere.id, 'An animator crossing the line');
    const filed = (await api.report(member, { targetType: 'post', targetId: post.id, reason: 'harassment' })).body;

    const opened = (await api.getCase(peer, filed.caseId).expect(200)).body;
    expect(opened).toMatchObject({ status: 'escalated', escalationReason: 'author_role', deadlineAt: null });
    // the author's peers read it, and do not judge it
    await api.claim(peer, filed.caseId).expect(403);
    await api.escalate(peer, filed.caseId, 'Again').expect(409);

    expect((await api.orgQueue(manager, org.id)).map((c) => c.id)).toEqual([filed.caseId]);
    const seen = (await api.getCase(manager, filed.caseId).expect(200)).body;
    expect(seen.snapshot).toMatchObject({ body: 'An animator crossing the line' });
    await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(manager)).expect(403);
    await api.claim(manager, filed.caseId).expect(200);
    await api.decide(manager, filed.caseId, { action: 'remove', reason: 'Article 1' }).expect(200);
    const feed = (await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(member)).expect(200)).body;
    expect(feed.items.map((p: { id: string }) => p.id)).not.toContain(post.id);
    const [audit] = await t.db.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1`, [filed.caseId]);
    expect(audit).toEqual({ action: 'moderation.remove', actor_id: manager.id });
  });

  it('lets an animator send a case up; the manager bans the author from the whole organisation', async () => {
    const { sphere, org, animator, member, other, admin, manager } = await territory(t);
    const elsewhere = await createSphere(t, admin, org.id, { name: 'Open door', visibility: 'public' });
    const api = moderation(t);
    const post = await createPost(t, member, sphere.id, 'Threats');
    const filed = (await api.report(other, { targetType: 'post', targetId: post.id, reason: 'illegal' })).body;
    await api.claim(animator, filed.caseId).expect(200);
    await api.decide(animator, filed.caseId, { action: 'ban', reason: 'Threats' }).expect(403);

    const up = await api.escalate(animator, filed.caseId, '  Threats: beyond what a sphere decides  ').expect(200);
    expect(up.body).toMatchObject({ status: 'escalated', escalationReason: 'animator', claimedBy: null });
    const history = (await api.getCase(animator, filed.caseId)).body.history;
    expect(history.at(-1)).toMatchObject({
      kind: 'escalated',
      actorId: animator.id,
      detail: { reason: 'animator', note: 'Threats: beyond what a sphere decides' },
    });
    await api.claim(animator, filed.caseId).expect(403);

    await api.claim(manager, filed.caseId).expect(200);
    await api.decide(manager, filed.caseId, { action: 'ban', reason: 'Threats against volunteers' }).expect(200);
    await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(member)).expect(404);
    // out of the organisation, and kept out: even an invitation to another of its spheres is refused
    const invitation = await createInvitation(t, admin, elsewhere.id);
    const join = await t.http.post(`/api/v1/invitations/${invitation.code}/accept`).set(as(member));
    expect([join.status, join.body.type]).toEqual([403, expect.stringContaining('banned')]);
    await t.http.get(`/api/v1/organisations/${org.id}`).set(as(member)).expect(404);
    const [banned] = await t.db.query(
      `SELECT m.status, b.reason FROM memberships m JOIN organisation_bans b USING (organisation_id, user_id)
        WHERE m.sphere_id = $1 AND m.user_id = $2`,
      [sphere.id, member.id],
    );
    expect(banned).toEqual({ status: 'banned', reason: 'Threats against volunteers' });
  });

  it('opens a case for each pending post; approving or removing it decides the post', async () => {
    const { sphere, animator, member, other } = await territory(t, { moderationMode: 'pre' });
    const api = moderation(t);
    const queue = async () =>
      (await t.http.get(`/api/v1/spheres/${sphere.id}/moderation/cases`).set(as(animator)).expect(200)).body.items;
    const welcome = await createPost(t, member, sphere.id, 'Hello everyone');
    const spam = await createPost(t, member, sphere.id, 'Buy now');
    const direct = await createPost(t, member, sphere.id, 'Approved from the post');
    expect(welcome.status).toBe('pending');
    const cases = await eventually(async () => {
      const items: (CaseBody & { targetId: string })[] = await queue();
      return items.length === 3 ? items : undefined;
    });
    const caseOf = (postId: string) => cases.find((c) => c.targetId === postId)!;
    expect(cases.every((c) => c.kind === 'approval' && c.status === 'open')).toBe(true);

    await api.claim(animator, caseOf(welcome.id).id).expect(200);
    await api.decide(animator, caseOf(welcome.id).id, { action: 'dismiss', reason: 'x' }).expect(422);
    await api.decide(animator, caseOf(welcome.id).id, { action: 'approve', reason: 'Welcome' }).expect(200);
    await api.claim(animator, caseOf(spam.id).id).expect(200);
    await api.decide(animator, caseOf(spam.id).id, { action: 'remove', reason: 'Advertising' }).expect(200);
    const read = async (postId: string) => (await t.http.get(`/api/v1/posts/${postId}`).set(as(animator))).body;
    expect((await read(welcome.id)).status).toBe('published');
    expect((await read(spam.id)).status).toBe('removed');
    const feed = (await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(other)).expect(200)).body;
    expect(feed.items.map((p: { id: string }) => p.id)).toEqual([welcome.id]);

    // the content route approves too: its case follows
    await t.http.post(`/api/v1/posts/${direct.id}/approve`).set(as(animator)).expect(200);
    const closed = await eventually(async () => {
      const found: CaseBody = (await api.getCase(animator, caseOf(direct.id).id)).body;
      return found.status === 'resolved' ? found : undefined;
    });
    expect(closed.decision).toBe('approve');
  });
});

describe('escalation by deadline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MODERATION_DEADLINE_SECONDS: '2' }, withWorker: true });
  });
  afterAll(() => t.close());

  it('sends an open case up when its deadline passes, and leaves a decided one alone', async () => {
    const { sphere, org, animator, member, other, manager } = await territory(t);
    const api = moderation(t);
    const ignored = await createPost(t, member, sphere.id, 'Nobody looks at this one');
    const handled = await createPost(t, member, sphere.id, 'This one is handled at once');
    const late = (await api.report(other, { targetType: 'post', targetId: ignored.id, reason: 'spam' })).body;
    const quick = (await api.report(other, { targetType: 'post', targetId: handled.id, reason: 'spam' })).body;
    await api.claim(animator, quick.caseId).expect(200);
    await api.decide(animator, quick.caseId, { action: 'dismiss', reason: 'Fine' }).expect(200);

    const escalated = await eventually(async () => {
      const found: CaseBody = (await api.getCase(animator, late.caseId)).body;
      return found.status === 'escalated' ? found : undefined;
    });
    expect(escalated.escalationReason).toBe('deadline');
    expect((await api.orgQueue(manager, org.id)).map((c) => c.id)).toEqual([late.caseId]);
    // both deadline jobs ran (one escalated, one found its case decided and did nothing)
    await eventually(async () => {
      const [row] = await t.db.query(
        `SELECT count(*)::int AS ran FROM processed_jobs j JOIN outbox o ON o.id = j.outbox_id
          WHERE j.subscriber = 'moderation.escalate_overdue'`,
      );
      return row.ran === 2 ? true : undefined;
    });
    expect((await api.getCase(animator, quick.caseId)).body).toMatchObject({ status: 'dismissed', escalatedAt: null });
  });
});
