import { randomUUID } from 'node:crypto';
import { createComment, createPost, sphereWithPeople } from '../factories/content';
import { as, publishCharter, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('reports and moderation cases', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const report = (user: TestUser, body: Record<string, unknown>) =>
    t.http.post('/api/v1/reports').set(as(user)).send(body);
  const reportPost = (user: TestUser, postId: string, reason = 'harassment', note?: string) =>
    report(user, { targetType: 'post', targetId: postId, reason, ...(note === undefined ? {} : { note }) });
  const getCase = (user: TestUser, caseId: string) => t.http.get(`/api/v1/moderation/cases/${caseId}`).set(as(user));
  const queue = (user: TestUser, sphereId: string, query: Record<string, string | number> = {}) =>
    t.http.get(`/api/v1/spheres/${sphereId}/moderation/cases`).query(query).set(as(user));

  it('groups two reporters’ reports on one post into one open case, with the post as first reported', async () => {
    const { sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, 'Something unkind');

    const first = await reportPost(other, post.id, 'harassment', 'Aimed at a volunteer').expect(201);
    expect(first.body).toMatchObject({
      targetType: 'post',
      targetId: post.id,
      reason: 'harassment',
      charterVersion: null,
      note: 'Aimed at a volunteer',
    });
    // the author edits it afterwards: the case keeps what was reported
    await t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body: 'Something kind' }).expect(200);
    const second = await reportPost(visitor, post.id, 'spam').expect(201);
    expect(second.body.caseId).toBe(first.body.caseId);

    const found = (await getCase(animator, first.body.caseId).expect(200)).body;
    expect(found).toMatchObject({
      id: first.body.caseId,
      sphereId: sphere.id,
      kind: 'report',
      status: 'open',
      targetType: 'post',
      targetId: post.id,
      reportCount: 2,
      claimedBy: null,
      snapshot: { type: 'post', id: post.id, body: 'Something unkind', author: { id: member.id } },
    });
    expect(found.reports.map((r: { reporter: { id: string }; reason: string }) => [r.reporter.id, r.reason])).toEqual([
      [other.id, 'harassment'],
      [visitor.id, 'spam'],
    ]);
    expect(found.history.map((h: { kind: string }) => h.kind)).toEqual(['opened', 'reported', 'reported']);

    const listed = (await queue(animator, sphere.id).expect(200)).body;
    expect(listed.items.map((c: { id: string }) => c.id)).toEqual([first.body.caseId]);
    expect(listed.nextCursor).toBeNull();

    // each report went out as a domain event, in the report's own transaction
    const events = await t.db.query(
      `SELECT payload FROM outbox WHERE event_name = 'report.created' AND payload->>'caseId' = $1 ORDER BY id`,
      [first.body.caseId],
    );
    expect(events.map((e: { payload: { opened: boolean; reportCount: number } }) => e.payload)).toMatchObject([
      { opened: true, reportCount: 1, reporterId: other.id },
      { opened: false, reportCount: 2, reporterId: visitor.id },
    ]);
  });

  it('reports a comment, in its own case', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const comment = await createComment(t, member, post.id, 'A rude reply');
    const filed = await report(other, { targetType: 'comment', targetId: comment.id, reason: 'other' }).expect(201);
    const found = (await getCase(animator, filed.body.caseId).expect(200)).body;
    expect(found).toMatchObject({
      targetType: 'comment',
      targetId: comment.id,
      snapshot: { type: 'comment', postId: post.id, body: 'A rude reply' },
    });
  });

  it('answers 409 to a second report by the same person, and counts it nowhere', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const first = await reportPost(other, post.id).expect(201);
    const twice = await reportPost(other, post.id, 'spam').expect(409);
    expect(twice.headers['content-type']).toContain('application/problem+json');
    expect(twice.body.type).toContain('already-reported');
    expect((await getCase(animator, first.body.caseId).expect(200)).body.reportCount).toBe(1);
  });

  it('answers 404 for a target the reporter cannot read, exactly as for one that does not exist', async () => {
    const { sphere, member, visitor } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const stranger = await registerUser(t.http);
    const pending = await createPost(t, member, sphere.id);
    expect(pending.status).toBe('pending');

    const unknown = await reportPost(stranger, randomUUID()).expect(404);
    const hidden = await reportPost(stranger, pending.id).expect(404);
    // a pending post is its author's and its animators' business: the sphere's visitor does not see it
    const notYet = await reportPost(visitor, pending.id).expect(404);
    for (const answer of [hidden, notYet]) expect(answer.body).toEqual(unknown.body);
    await report(stranger, { targetType: 'comment', targetId: randomUUID(), reason: 'spam' }).expect(404);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM moderation_cases WHERE target_id = $1`, [pending.id]))[0].n,
    ).toBe(0);
  });

  it('takes charter articles of the charter in force only: 422 for one it does not have', async () => {
    const { org, sphere, animator, member, other, visitor, admin } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const noCharter = await reportPost(other, post.id, '1').expect(422);
    expect(noCharter.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const charter = await publishCharter(t, admin, org.id);
    expect(charter.articles).toHaveLength(2);
    await reportPost(other, post.id, '3').expect(422);
    await reportPost(other, post.id, 'rudeness').expect(422);
    const filed = await reportPost(other, post.id, '2').expect(201);
    expect(filed.body).toMatchObject({ reason: '2', charterVersion: charter.version });
    // an article may come as a JSON number too
    await report(visitor, { targetType: 'post', targetId: post.id, reason: 1 }).expect(201);
    const reasons = (await getCase(animator, filed.body.caseId).expect(200)).body.reports.map(
      (r: { reason: string; charterVersion: number | null }) => [r.reason, r.charterVersion],
    );
    expect(reasons).toEqual([
      ['2', charter.version],
      ['1', charter.version],
    ]);
  });

  it('refuses a note over 2,000 characters (422), takes one of exactly 2,000', async () => {
    const { sphere, member, other, visitor } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const tooLong = await reportPost(other, post.id, 'spam', 'x'.repeat(2001)).expect(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
    await reportPost(other, post.id, 'spam', 'x'.repeat(2000)).expect(201);
    await report(visitor, { targetType: 'member', targetId: member.id, reason: 'spam' }).expect(422);
    await report(visitor, { targetType: 'post', targetId: post.id }).expect(422);
  });

  it('lists a sphere’s cases to its animators, page by page; a member is refused, a stranger told nothing', async () => {
    const { sphere, animator, member, other, admin } = await sphereWithPeople(t);
    const stranger = await registerUser(t.http);
    const posts = [];
    for (let i = 0; i < 3; i++) posts.push(await createPost(t, member, sphere.id));
    const caseIds = [];
    for (const post of posts) caseIds.push((await reportPost(other, post.id).expect(201)).body.caseId);

    const page1 = (await queue(animator, sphere.id, { limit: 2 }).expect(200)).body;
    expect(page1.items.map((c: { id: string }) => c.id)).toEqual([caseIds[2], caseIds[1]]);
    const page2 = (await queue(animator, sphere.id, { limit: 2, cursor: page1.nextCursor }).expect(200)).body;
    expect(page2).toEqual({ items: [expect.objectContaining({ id: caseIds[0] })], nextCursor: null });
    expect((await queue(animator, sphere.id, { status: 'dismissed' }).expect(200)).body.items).toEqual([]);
    await queue(animator, sphere.id, { status: 'closed' }).expect(422);

    // its members see the sphere and are refused; so is the instance admin, who is no animator of it
    for (const refused of [member, other, admin]) await queue(refused, sphere.id).expect(403);
    await getCase(admin, caseIds[0]).expect(404);
    await queue(stranger, sphere.id).expect(404);
    await queue(animator, randomUUID()).expect(404);
    for (const unseen of [member, other, stranger]) await getCase(unseen, caseIds[0]).expect(404);
    await getCase(animator, randomUUID()).expect(404);
  });
});
