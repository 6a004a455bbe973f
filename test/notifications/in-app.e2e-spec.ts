import { DomainEvents } from '@alveole/core';
import { NotificationEvents } from '@alveole/notifications';
import { createComment, createPost, sphereWithPeople } from '../factories/content';
import { as, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { connected, nextEvent, openSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

interface Item {
  id: string;
  kind: string;
  sphereId: string | null;
  subject: { type: string; id: string | null };
  actorId: string | null;
  excerpt: string | null;
  readAt: string | null;
}

describe('notifications in the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000', NOTIFY_CHUNK_SIZE: '2' }, withWorker: true });
  });
  afterAll(() => t.close());

  const list = async (user: TestUser, query = '') =>
    (await t.http.get(`/api/v1/notifications${query}`).set(as(user)).expect(200)).body as {
      items: Item[];
      nextCursor: string | null;
      unreadCount: number;
    };
  /** Waits until the subject shows in the user's list (the worker writes it), then gives the list. */
  const listWith = (user: TestUser, subjectId: string, kind?: string) =>
    eventually(
      async () => {
        const page = await list(user, '?limit=100');
        return page.items.some((i) => i.subject.id === subjectId && (!kind || i.kind === kind)) ? page : undefined;
      },
      20_000,
      `a notification about ${subjectId}`,
    );
  const kindsAbout = async (user: TestUser, subjectId: string) =>
    (await list(user, '?limit=100')).items.filter((i) => i.subject.id === subjectId).map((i) => i.kind);
  const setLevel = (user: TestUser, sphereId: string, level: string | null) =>
    t.http.put(`/api/v1/spheres/${sphereId}/notification-preference`).set(as(user)).send({ level });
  /** Waits until the worker ran `subscriber` for the event whose payload has `key` = `value`. */
  const ran = (subscriber: string, key: string, value: string) =>
    eventually(
      async () => {
        const [row] = await t.db.query(
          `SELECT count(*)::int AS n FROM processed_jobs j JOIN outbox o ON o.id = j.outbox_id
          WHERE j.subscriber = $1 AND o.payload->>$2 = $3`,
          [subscriber, key, value],
        );
        return row.n > 0 ? true : undefined;
      },
      20_000,
      `${subscriber} for ${value}`,
    );
  /** Waits until a post's fan-out is over: planned, and every chunk it handed on written. */
  const fannedOut = (postId: string) =>
    eventually(
      async () => {
        const [row] = await t.db.query(
          `SELECT (SELECT count(*) FROM outbox WHERE event_name = 'notification.fanout_chunk'
                    AND payload->'source'->>'postId' = $1)::int AS chunks,
                (SELECT count(*) FROM processed_jobs j JOIN outbox o ON o.id = j.outbox_id
                  WHERE o.event_name = 'notification.fanout_chunk' AND o.payload->'source'->>'postId' = $1)::int AS done`,
          [postId],
        );
        return row.chunks === row.done ? row.chunks : undefined;
      },
      20_000,
      `the fan-out of ${postId}`,
    );
  const planned = async (postId: string) => {
    await ran('notifications.new_post', 'postId', postId);
    return fannedOut(postId);
  };

  it('tells every member of a new post once, live, by their level, never its author', async () => {
    const { sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    await setLevel(other, sphere.id, 'none').expect(200);
    await setLevel(visitor, sphere.id, 'daily_digest').expect(200);
    const socket = await connected(openSocket(t.url, animator.accessToken));
    try {
      const live = nextEvent<{ id: string; kind: string; subject: { id: string } }>(socket, 'notification.created');
      const post = await createPost(t, member, sphere.id, 'Assemblée générale jeudi');
      const page = await listWith(animator, post.id);
      expect((await live).subject.id).toBe(post.id);
      const item = page.items.find((i) => i.subject.id === post.id)!;
      expect(item).toMatchObject({ kind: 'post', sphereId: sphere.id, actorId: member.id, readAt: null });
      expect(item.excerpt).toBe('Assemblée générale jeudi');
      expect(page.unreadCount).toBeGreaterThanOrEqual(1);
      await listWith(visitor, post.id); // a digest level still lists it in the app
      await planned(post.id);
      expect(await kindsAbout(member, post.id)).toEqual([]); // its author
      expect(await kindsAbout(other, post.id)).toEqual([]); // `none`
      const rows = await t.db.query(`SELECT user_id, email FROM notifications WHERE subject_id = $1`, [post.id]);
      expect(Object.fromEntries(rows.map((r: { user_id: string; email: string }) => [r.user_id, r.email]))).toEqual({
        [animator.id]: expect.stringMatching(/^(immediate|sent)$/), // the e-mail channel may have sent it already
        [visitor.id]: 'daily',
      });
    } finally {
      socket.disconnect();
    }
  });

  it('writes a large audience in chunks of NOTIFY_CHUNK_SIZE, and a retried chunk adds nothing', async () => {
    const { admin, sphere, animator } = await sphereWithPeople(t);
    const extra = await Promise.all([1, 2, 3].map(() => registerUser(t.http)));
    for (const user of extra) await putMember(t, admin, sphere.id, user.id, 'member');
    const post = await createPost(t, animator, sphere.id);
    // 6 recipients (its author is not one) in ranges of 2: the planning job writes the first, two chunk jobs the rest
    expect(await planned(post.id)).toBe(2);
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [post.id]))[0].n;
    expect(await count()).toBe(6); // member, other, visitor and three more (the admin is no member)

    // a chunk delivered twice (a job retried after its insert): the (user, event) key writes nothing more
    const [chunk] = await t.db.query(
      `SELECT payload, organisation_id FROM outbox WHERE event_name = 'notification.fanout_chunk'
          AND payload->'source'->>'postId' = $1 LIMIT 1`,
      [post.id],
    );
    const again = await t.db.transaction(async (manager) => {
      await t.app.get(DomainEvents).publish(manager, NotificationEvents.chunk(chunk.payload, chunk.organisation_id));
      const [row] = await manager.query(`SELECT id FROM outbox ORDER BY id DESC LIMIT 1`);
      return row.id as string;
    });
    await eventually(
      async () => {
        const runs = await t.db.query(`SELECT 1 FROM processed_jobs WHERE outbox_id = $1`, [again]);
        return runs.length > 0 ? true : undefined;
      },
      20_000,
      'the repeated chunk',
    );
    expect(await count()).toBe(6);

    // a chunk that waited while its post's author erased their account: its rows name no actor
    const erasedAuthor = globalThis.crypto.randomUUID();
    const waited = { ...chunk.payload, eventId: globalThis.crypto.randomUUID() };
    waited.source = { ...waited.source, authorId: erasedAuthor };
    await t.db.transaction((manager) =>
      t.app.get(DomainEvents).publish(manager, NotificationEvents.chunk(waited, chunk.organisation_id)),
    );
    const actors = await eventually(
      async () => {
        const rows = await t.db.query(`SELECT actor_id FROM notifications WHERE event_id = $1`, [waited.eventId]);
        return rows.length > 0 ? rows.map((row: { actor_id: string | null }) => row.actor_id) : undefined;
      },
      20_000,
      'the waiting chunk',
    );
    expect(actors).toEqual(actors.map(() => null));
    const [{ named }] = await t.db.query(
      `SELECT count(*)::int AS named FROM notifications WHERE event_id = $1 AND actor_id IS NOT NULL`,
      [chunk.payload.eventId],
    );
    expect(named).toBeGreaterThan(0); // the author who still exists is named
  });

  it('announces a post marked important to everyone once, at once, whatever their level', async () => {
    const { sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    await setLevel(other, sphere.id, 'none').expect(200);
    await setLevel(visitor, sphere.id, 'weekly_digest').expect(200);
    const post = await createPost(t, member, sphere.id, 'Fermeture du local');
    await planned(post.id);
    const mark = (important: boolean) =>
      t.http.patch(`/api/v1/posts/${post.id}`).set(as(animator)).send({ important }).expect(200);
    await mark(true);
    await listWith(other, post.id, 'important_post');
    const rows = async () =>
      Object.fromEntries(
        (
          await t.db.query(
            `SELECT user_id, email FROM notifications WHERE subject_id = $1 AND kind = 'important_post'`,
            [post.id],
          )
        ).map((r: { user_id: string; email: string }) => [r.user_id, r.email]),
      );
    await eventually(
      async () => (Object.keys(await rows()).length === 3 ? true : undefined),
      20_000,
      'three announced',
    );
    // `none` hears of it in the app only; a digest level at once; its author not at all
    // (`sent` once the e-mail channel took it)
    const now = expect.stringMatching(/^(immediate|sent)$/);
    expect(await rows()).toEqual({ [animator.id]: now, [other.id]: 'none', [visitor.id]: now });
    await mark(false);
    await mark(true); // marked again: announced already
    await eventually(
      async () => {
        const [row] = await t.db.query(
          `SELECT count(*)::int AS n FROM processed_jobs j JOIN outbox o ON o.id = j.outbox_id
          WHERE j.subscriber = 'notifications.important_post' AND o.payload->>'postId' = $1`,
          [post.id],
        );
        return row.n === 3 ? true : undefined;
      },
      20_000,
      'every update seen',
    );
    expect(Object.keys(await rows())).toHaveLength(3);
  });

  it('tells the mentioned as a mention only, and the thread of a comment or a reply', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, `Merci @${other.displayName} pour hier`);
    await listWith(other, post.id, 'mention');
    await listWith(animator, post.id, 'post');
    await planned(post.id);
    expect(await kindsAbout(other, post.id)).toEqual(['mention']);

    const comment = await createComment(t, animator, post.id, 'Bravo');
    await listWith(member, comment.id, 'comment'); // the post's author
    const reply = await createComment(t, other, post.id, 'Merci', comment.id);
    await listWith(animator, reply.id, 'reply'); // the comment's author, once, as a reply
    await listWith(member, reply.id, 'comment');
    expect(await kindsAbout(animator, reply.id)).toEqual(['reply']);
    expect(await kindsAbout(other, reply.id)).toEqual([]); // its author
  });

  it('pages newest first, marks some or all read, and tells my other tabs', async () => {
    const { sphere, animator, member } = await sphereWithPeople(t);
    const posts = [];
    for (const n of [1, 2, 3]) posts.push(await createPost(t, member, sphere.id, `Post ${n}`));
    await listWith(animator, posts[2].id);
    await listWith(animator, posts[0].id);
    const first = await list(animator, '?limit=2');
    expect(first.items.map((i) => i.subject.id)).toEqual([posts[2].id, posts[1].id]);
    const second = await list(animator, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items[0].subject.id).toBe(posts[0].id);
    const unread = first.unreadCount;

    const tab = await connected(openSocket(t.url, animator.accessToken));
    try {
      const told = nextEvent<{ ids: string[]; unreadCount: number }>(tab, 'notification.read');
      const read = await t.http
        .post('/api/v1/notifications/read')
        .set(as(animator))
        .send({ ids: [first.items[0].id] })
        .expect(200);
      expect(read.body).toEqual({ unreadCount: unread - 1 });
      expect(await told).toMatchObject({ ids: [first.items[0].id], unreadCount: unread - 1 });
    } finally {
      tab.disconnect();
    }
    // someone else's ids change nothing of theirs, and say nothing
    await t.http
      .post('/api/v1/notifications/read')
      .set(as(member))
      .send({ ids: [first.items[1].id] })
      .expect(200);
    expect((await list(animator, '?unread=true&limit=100')).items.map((i) => i.id)).toContain(first.items[1].id);
    await t.http.post('/api/v1/notifications/read').set(as(animator)).send({ all: true }).expect(200);
    expect(await list(animator, '?unread=true')).toMatchObject({ items: [], unreadCount: 0 });
  });

  it('refuses bad input with problems, and preferences outside my spheres', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const stranger = await registerUser(t.http);
    const problem = async (request: Promise<{ status: number; body: { type: string } }>, status: number) => {
      const response = await request;
      expect(response.status).toBe(status);
      expect(response.body.type).toEqual(expect.any(String));
    };
    await problem(
      t.http
        .post('/api/v1/notifications/read')
        .set(as(member))
        .send({ ids: ['nope'] }),
      422,
    );
    await problem(t.http.post('/api/v1/notifications/read').set(as(member)).send({}), 422);
    await problem(t.http.get('/api/v1/notifications?cursor=forged').set(as(member)), 400);
    await problem(setLevel(member, sphere.id, 'loud'), 422);
    await problem(setLevel(stranger, sphere.id, 'all'), 404); // a private sphere: not even seen
    await problem(t.http.get('/api/v1/notifications'), 401);
    await problem(
      t.http.put('/api/v1/me/notification-settings').set(as(member)).send({ timeZone: 'Mars/Olympus' }),
      422,
    );
    await problem(
      t.http
        .put('/api/v1/me/notification-settings')
        .set(as(member))
        .send({ quietHours: { start: '25:00', end: '07:00' } }),
      422,
    );
  });

  it('keeps my settings and my level per sphere, back to the default with null', async () => {
    const { admin, sphere, member } = await sphereWithPeople(t);
    const settings = await t.http
      .put('/api/v1/me/notification-settings')
      .set(as(member))
      .send({ timeZone: 'America/Montreal', quietHours: { start: '22:00', end: '07:00' }, dailyEmailCap: 3 })
      .expect(200);
    expect(settings.body).toEqual({
      emailEnabled: true,
      timeZone: 'America/Montreal',
      quietHours: { start: '22:00', end: '07:00' },
      dailyEmailCap: 3,
      emailFailing: false,
    });
    const off = await t.http.put('/api/v1/me/notification-settings').set(as(member)).send({ emailEnabled: false });
    expect(off.body).toMatchObject({ emailEnabled: false, timeZone: 'America/Montreal', dailyEmailCap: 3 });

    expect((await setLevel(member, sphere.id, 'weekly_digest').expect(200)).body).toEqual({
      sphereId: sphere.id,
      level: 'weekly_digest',
      sphereDefault: 'all',
      inherited: false,
    });
    expect((await setLevel(member, sphere.id, null).expect(200)).body).toMatchObject({ level: 'all', inherited: true });

    // the sphere's default, set by its admin (audited), is what members without a choice of their own hear
    const byDefault = t.http.put(`/api/v1/spheres/${sphere.id}/notification-default`);
    await t.http
      .put(`/api/v1/spheres/${sphere.id}/notification-default`)
      .set(as(member))
      .send({ level: 'none' })
      .expect(403);
    await byDefault.set(as(admin)).send({ level: 'daily_digest' }).expect(200);
    expect(
      (await t.http.get(`/api/v1/spheres/${sphere.id}/notification-preference`).set(as(member)).expect(200)).body,
    ).toEqual({ sphereId: sphere.id, level: 'daily_digest', sphereDefault: 'daily_digest', inherited: true });
    const [audit] = await t.db.query(
      `SELECT before, after FROM audit_log WHERE action = 'sphere.notification_default_changed' AND target_id = $1`,
      [sphere.id],
    );
    expect(audit).toEqual({ before: { level: 'all' }, after: { level: 'daily_digest' } });
  });
});
