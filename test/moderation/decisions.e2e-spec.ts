import { createComment, createPost, sphereWithPeople } from '../factories/content';
import { as, publishCharter, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { connected, nextEvent, openSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

describe('moderation decisions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(() => t.close());

  const report = (user: TestUser, body: Record<string, unknown>) =>
    t.http.post('/api/v1/reports').set(as(user)).send(body);
  const claim = (user: TestUser, caseId: string) =>
    t.http.post(`/api/v1/moderation/cases/${caseId}/claim`).set(as(user));
  const decide = (user: TestUser, caseId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/moderation/cases/${caseId}/decisions`).set(as(user)).send(body);
  const feedIds = async (user: TestUser, sphereId: string) =>
    (await t.http.get(`/api/v1/spheres/${sphereId}/posts`).set(as(user)).expect(200)).body.items.map(
      (p: { id: string }) => p.id,
    );

  it('hides a post at the third reporter, then a claimed decision tells reporters and author', async () => {
    const { admin, org, sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    const third = await registerUser(t.http);
    await putMember(t, admin, sphere.id, third.id, 'member');
    const bystander = other;
    const post = await createPost(t, member, sphere.id, 'Names where a homeless person sleeps');
    // reports cite the charter in force (published after the post: nobody had to accept it to write)
    await publishCharter(t, admin, org.id);
    const authorSocket = await connected(openSocket(t.url, member.accessToken));
    const reporterSocket = await connected(openSocket(t.url, visitor.accessToken));
    try {
      const first = await report(visitor, { targetType: 'post', targetId: post.id, reason: '1' }).expect(201);
      await report(third, { targetType: 'post', targetId: post.id, reason: 'personal_data' }).expect(201);
      expect(await feedIds(bystander, sphere.id)).toContain(post.id);
      await report(bystander, { targetType: 'post', targetId: post.id, reason: 'personal_data' }).expect(201);
      const caseId = first.body.caseId;

      // three distinct reporters: hidden from everyone but its author and the moderators
      expect(await feedIds(visitor, sphere.id)).not.toContain(post.id);
      expect(await feedIds(member, sphere.id)).toContain(post.id);
      expect(await feedIds(animator, sphere.id)).toContain(post.id);
      const hidden = await t.http.get(`/api/v1/moderation/cases/${caseId}`).set(as(animator)).expect(200);
      expect(hidden.body.current).toMatchObject({ status: 'hidden', body: 'Names where a homeless person sleeps' });
      expect(hidden.body.history.map((h: { kind: string }) => h.kind)).toContain('auto_hidden');

      // no decision without a claim; a second moderator is told who holds it
      await decide(animator, caseId, { action: 'hide', reason: 'Personal data' }).expect(409);
      const claimed = await claim(animator, caseId).expect(200);
      expect(claimed.body).toMatchObject({ claimedBy: animator.id, claimedByName: animator.displayName });
      const secondModerator = await registerUser(t.http);
      await putMember(t, admin, sphere.id, secondModerator.id, 'animator');
      const taken = await claim(secondModerator, caseId).expect(409);
      expect(taken.body).toMatchObject({ type: expect.stringContaining('case-claimed'), holder: { id: animator.id } });
      await decide(secondModerator, caseId, { action: 'dismiss', reason: 'Fine' }).expect(409);

      const authorTold = nextEvent<{ role: string; decision: string }>(authorSocket, 'moderation.outcome');
      const reporterTold = nextEvent<{ role: string; decision: string }>(reporterSocket, 'moderation.outcome');
      const decided = await decide(animator, caseId, { action: 'hide', reason: '  Article 1: no personal data  ' });
      expect(decided.status).toBe(200);
      expect(decided.body).toMatchObject({
        status: 'resolved',
        decision: 'hide',
        decisionReason: 'Article 1: no personal data',
        decidedBy: animator.id,
        claimedBy: null,
      });
      expect(await authorTold).toMatchObject({ role: 'author', decision: 'hide', targetId: post.id });
      expect(await reporterTold).toMatchObject({ role: 'reporter', decision: 'hide', targetId: post.id });

      // the author reads the reason and the article; a reporter, only the outcome
      const mine = (await t.http.get('/api/v1/me/moderation/outcomes').set(as(member)).expect(200)).body;
      expect(mine.items).toEqual([
        expect.objectContaining({
          caseId,
          role: 'author',
          decision: 'hide',
          reason: 'Article 1: no personal data',
          articles: [1],
        }),
      ]);
      const theirs = (await t.http.get('/api/v1/me/moderation/outcomes').set(as(visitor)).expect(200)).body;
      expect(theirs.items).toEqual([expect.objectContaining({ caseId, role: 'reporter', reason: null, articles: [] })]);

      const audit = await t.db.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1`, [caseId]);
      expect(audit).toEqual([{ action: 'moderation.hide', actor_id: animator.id }]);
      await decide(animator, caseId, { action: 'restore', reason: 'Second thoughts' }).expect(409);
      expect(await feedIds(visitor, sphere.id)).not.toContain(post.id);
    } finally {
      authorSocket.close();
      reporterSocket.close();
    }
  });

  it('gives hidden content back when the case is dismissed, and keeps a sphere’s own threshold', async () => {
    const { admin, sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    await t.http
      .put(`/api/v1/spheres/${sphere.id}/moderation/settings`)
      .set(as(admin))
      .send({ hideThreshold: 2, deadlineHours: null })
      .expect(200);
    const post = await createPost(t, member, sphere.id);
    const comment = await createComment(t, member, post.id, 'A sharp reply');
    const filed = await report(other, { targetType: 'comment', targetId: comment.id, reason: 'harassment' });
    await report(visitor, { targetType: 'comment', targetId: comment.id, reason: 'harassment' }).expect(201);
    const listed = async (user: TestUser) =>
      (await t.http.get(`/api/v1/posts/${post.id}/comments`).set(as(user)).expect(200)).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await listed(other)).not.toContain(comment.id);

    await claim(animator, filed.body.caseId).expect(200);
    await decide(animator, filed.body.caseId, { action: 'dismiss', reason: 'Sharp but within the charter' })
      .expect(200)
      .expect((r) => expect(r.body).toMatchObject({ status: 'dismissed', decision: 'dismiss' }));
    expect(await listed(other)).toContain(comment.id);
  });

  it('refuses what a decision cannot do, and leaves the case as it was', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const onPost = (await report(other, { targetType: 'post', targetId: post.id, reason: 'spam' }).expect(201)).body;
    const onMember = (
      await report(other, {
        targetType: 'member',
        targetId: member.id,
        sphereId: sphere.id,
        reason: 'harassment',
      }).expect(201)
    ).body;
    await report(other, { targetType: 'member', targetId: member.id, reason: 'spam' }).expect(422);
    await report(other, { targetType: 'member', targetId: other.id, sphereId: sphere.id, reason: 'spam' }).expect(404);
    await claim(animator, onPost.caseId).expect(200);
    await claim(animator, onMember.caseId).expect(200);

    const refused = await decide(animator, onPost.caseId, { action: 'approve', reason: 'ok' }).expect(422);
    expect(refused.body.type).toContain('decision-not-applicable');
    await decide(animator, onMember.caseId, { action: 'hide', reason: 'x' }).expect(422);
    await decide(animator, onPost.caseId, { action: 'mute', reason: 'x' }).expect(422);
    await decide(animator, onPost.caseId, { action: 'mute', reason: 'x', durationHours: 0 }).expect(422);
    await decide(animator, onPost.caseId, { action: 'warn', reason: '   ' }).expect(422);
    await decide(animator, onPost.caseId, { action: 'warn', reason: 'bad\u0000' }).expect(422);
    await decide(animator, onPost.caseId, { action: 'ban', reason: 'Too far' }).expect(403);
    await decide(animator, onPost.caseId, { action: 'shout', reason: 'x' }).expect(422);

    const untouched = (await t.http.get(`/api/v1/moderation/cases/${onPost.caseId}`).set(as(animator))).body;
    expect(untouched).toMatchObject({ status: 'open', decision: null, claimedBy: animator.id });
    expect(await t.db.query(`SELECT 1 FROM audit_log WHERE target_id = $1`, [onPost.caseId])).toEqual([]);

    await decide(animator, onMember.caseId, { action: 'warn', reason: 'Mind your words' }).expect(200);
  });

  it('mutes a member for a while: they read but cannot write, then can again once it ends', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const filed = (await report(other, { targetType: 'post', targetId: post.id, reason: 'spam' }).expect(201)).body;
    await claim(animator, filed.caseId).expect(200);
    await decide(animator, filed.caseId, { action: 'mute', reason: 'Flooding', durationHours: 24 })
      .expect(200)
      .expect((r) => expect(r.body).toMatchObject({ decision: 'mute', muteHours: 24 }));

    const write = () => t.http.post(`/api/v1/spheres/${sphere.id}/posts`).set(as(member)).send({ body: 'Again' });
    const muted = await write().expect(403);
    expect(muted.body.type).toContain('member-muted');
    const comment = await t.http.post(`/api/v1/posts/${post.id}/comments`).set(as(member)).send({ body: 'Hm' });
    expect(comment.status).toBe(403);
    expect(comment.body.type).toContain('member-muted');
    expect(await feedIds(member, sphere.id)).toContain(post.id);
    const [until] = await t.db.query(
      `SELECT muted_until > now() + interval '23 hours' AS later FROM memberships WHERE sphere_id = $1 AND user_id = $2`,
      [sphere.id, member.id],
    );
    expect(until.later).toBe(true);

    // the day passes (moved in the database, not waited for)
    await t.db.query(
      `UPDATE memberships SET muted_until = now() - interval '1 second' WHERE sphere_id = $1 AND user_id = $2`,
      [sphere.id, member.id],
    );
    await write().expect(201);
  });

  it('removes a member from the sphere: their sockets leave its room at once', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id);
    const filed = (await report(other, { targetType: 'post', targetId: post.id, reason: 'harassment' })).body;
    const socket = await connected(openSocket(t.url, member.accessToken));
    try {
      await socket.timeout(5_000).emitWithAck('subscribe', { sphereId: sphere.id });
      const told = nextEvent<{ sphereId: string; status: string }>(socket, 'membership.changed');
      await claim(animator, filed.caseId).expect(200);
      await decide(animator, filed.caseId, { action: 'remove_member', reason: 'Repeated harassment' }).expect(200);
      expect(await told).toMatchObject({ sphereId: sphere.id, status: 'removed' });
      // the private sphere is still listed to them, its content no longer
      await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(member)).expect(403);
      // out of the room: the next post there reaches the animator's socket, not theirs
      const watcher = await connected(openSocket(t.url, animator.accessToken));
      await watcher.timeout(5_000).emitWithAck('subscribe', { sphereId: sphere.id });
      const missed: unknown[] = [];
      socket.on('post.created', (p: unknown) => missed.push(p));
      const seen = nextEvent(watcher, 'post.created');
      await createPost(t, other, sphere.id, 'After the removal');
      await seen;
      watcher.close();
      expect(missed).toEqual([]);
    } finally {
      socket.close();
    }
  });
});
