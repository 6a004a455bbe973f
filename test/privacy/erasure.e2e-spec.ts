import { Socket } from 'socket.io-client';
import { NOTIFICATION_WRITES_LOCK } from '@alveole/notifications';
import { createPost, react } from '../factories/content';
import { as, createOrganisation, createSphere, instanceAdmin, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { eventually } from '../support/processes';
import { connected, openSocket } from '../support/sockets';
import { startTestApp, TestApp } from '../support/test-app';

/** Every text-like column of every table, each row cast to text: where does `needle` still appear? */
async function rowsHolding(t: TestApp, needle: string): Promise<string[]> {
  const columns = (await t.db.query(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'uuid', 'inet', 'character varying', 'ARRAY')
        AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE')`,
  )) as { table: string; column: string }[];
  const found: string[] = [];
  for (const { table, column } of columns) {
    // allowed, and only this: the erasure's own `user.deleted` event, which carries the id alone so that every
    // api node ends the person's sockets even when Redis was down at commit time (no e-mail, no name)
    const allowed = table === 'outbox' ? ` AND event_name <> 'user.deleted'` : '';
    const [{ n }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0${allowed}`,
      [needle],
    )) as { n: number }[];
    if (n > 0) found.push(`${table}.${column} (${n})`);
  }
  return found;
}

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    if (socket.disconnected) return resolve('already');
    socket.once('disconnect', (reason) => resolve(reason));
  });
}

describe('erasure (issue 15, GDPR art. 17)', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let keeping: { id: string; sphereId: string };
  let deleting: { id: string; sphereId: string };

  /** Two organisations owned by `owner`: one keeps a leaving member's content anonymised, one deletes it. */
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    admin = await instanceAdmin(t);
    owner = await registerUser(t.http);
    for (const [name, setting] of [
      ['keeping', 'anonymise'],
      ['deleting', 'delete'],
    ] as const) {
      const org = await createOrganisation(t, admin, { owner });
      const patched = await t.http
        .patch(`/api/v1/organisations/${org.id}`)
        .set(as(owner))
        .send({ contentOnErasure: setting });
      expect(patched.status).toBe(200);
      expect(patched.body.contentOnErasure).toBe(setting);
      const sphere = await createSphere(t, owner, org.id, { visibility: 'private' });
      if (name === 'keeping') keeping = { id: org.id, sphereId: sphere.id };
      else deleting = { id: org.id, sphereId: sphere.id };
    }
  });

  afterAll(() => t?.close());

  async function memberOfBoth(): Promise<TestUser> {
    const member = await registerUser(t.http);
    await putMember(t, owner, keeping.sphereId, member.id, 'member');
    await putMember(t, owner, deleting.sphereId, member.id, 'member');
    return member;
  }

  it('answers the setting in the organisation and refuses an unknown value with 422', async () => {
    const read = await t.http.get(`/api/v1/organisations/${keeping.id}`).set(as(owner));
    expect(read.body.contentOnErasure).toBe('anonymise');
    const wrong = await t.http
      .patch(`/api/v1/organisations/${keeping.id}`)
      .set(as(owner))
      .send({ contentOnErasure: 'x' });
    expect(wrong.status).toBe(422);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('DELETE /me leaves no row with my e-mail, name or id; my socket ends; my posts show as former member or are gone', async () => {
    const me = await memberOfBoth();
    const reader = await memberOfBoth();
    const kept = await createPost(t, me, keeping.sphereId);
    const gone = await createPost(t, me, deleting.sphereId);
    const theirs = await createPost(t, reader, keeping.sphereId);
    await react(t, me, theirs.id);
    const comment = await t.http
      .post(`/api/v1/posts/${theirs.id}/comments`)
      .set(as(me))
      .send({ body: 'a comment of mine' });
    expect(comment.status).toBe(201);
    const socket = await connected(openSocket(t.url, me.accessToken));
    const ended = disconnected(socket);

    expect(await rowsHolding(t, me.id)).not.toEqual([]); // the scan sees what is there

    const wrong = await t.http.delete('/api/v1/me').set(as(me)).send({ password: 'not my password at all' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.type).toMatch(/wrong-password$/);

    const erased = await t.http.delete('/api/v1/me').set(as(me)).send({ password: me.password });
    expect(erased.status).toBe(204);
    await ended;
    expect(socket.connected).toBe(false);

    expect(await rowsHolding(t, me.id)).toEqual([]);
    expect(await rowsHolding(t, me.email)).toEqual([]);
    expect(await rowsHolding(t, me.displayName)).toEqual([]);

    const keptNow = await t.http.get(`/api/v1/posts/${kept.id}`).set(as(reader));
    expect(keptNow.status).toBe(200);
    expect(keptNow.body.author).toBeNull();
    expect((await t.http.get(`/api/v1/posts/${gone.id}`).set(as(reader))).status).toBe(404);
    const thread = await t.http.get(`/api/v1/posts/${theirs.id}/comments`).set(as(reader));
    expect(thread.body.items.map((c: { author: unknown }) => c.author)).toEqual([null]);
    const theirsNow = await t.http.get(`/api/v1/posts/${theirs.id}`).set(as(reader));
    expect(theirsNow.body.reactionCounts).toEqual({});

    expect((await t.http.get('/api/v1/me/profile').set(as(me))).status).toBe(401);
    const login = await t.http.post('/api/v1/auth/login').send({ email: me.email, password: me.password });
    expect(login.status).toBe(401);
  });

  it('waits for a notification write under way (a fan-out that still counted me) and deletes its rows too', async () => {
    const me = await memberOfBoth();
    // a fan-out chunk's transaction, caught between its snapshot (I am still a member) and its commit
    const writer = t.db.createQueryRunner();
    await writer.connect();
    await writer.startTransaction();
    await writer.query(`SELECT pg_advisory_xact_lock_shared($1)`, [NOTIFICATION_WRITES_LOCK]);

    const erasing = t.http
      .delete('/api/v1/me')
      .set(as(me))
      .send({ password: me.password })
      .then((r) => r);
    await eventually(
      async () => {
        const [{ n }] = (await t.db.query(
          `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted AND objid = $1
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [NOTIFICATION_WRITES_LOCK],
        )) as { n: number }[];
        return n === 1 ? true : undefined;
      },
      10_000,
      'the erasure waiting on the lock',
    );
    await writer.query(
      `INSERT INTO notifications (user_id, event_id, kind, organisation_id, sphere_id, subject_type, subject_id, email, push)
       VALUES ($1, gen_random_uuid(), 'post', $2, $3, 'post', gen_random_uuid(), 'none', 'none')`,
      [me.id, keeping.id, keeping.sphereId],
    );
    await writer.commitTransaction();
    await writer.release();

    expect((await erasing).status).toBe(204);
    const left = (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [me.id])) as {
      n: number;
    }[];
    expect(left).toEqual([{ n: 0 }]);
  });

  it('keeps the acts of an erased person in the audit log under one pseudonym', async () => {
    const manager = await memberOfBoth();
    await t.http
      .post(`/api/v1/organisations/${keeping.id}/roles`)
      .set(as(owner))
      .send({ userId: manager.id, role: 'system_manager' })
      .expect(201);
    const child = await createSphere(t, manager, keeping.id, { parentId: keeping.sphereId });
    expect(child.id).toBeDefined();
    await t.http.delete('/api/v1/me').set(as(manager)).send({ password: manager.password }).expect(204);
    const log = await t.http.get(`/api/v1/organisations/${keeping.id}/audit-log?limit=100`).set(as(owner));
    expect(log.status).toBe(200);
    const byThem = log.body.items.filter((e: { actorPseudonym: string | null }) => e.actorPseudonym !== null);
    expect(byThem.length).toBeGreaterThan(0);
    expect(new Set(byThem.map((e: { actorPseudonym: string }) => e.actorPseudonym)).size).toBe(1);
    expect(byThem[0].actorPseudonym).toMatch(/^former-member-[0-9a-f]{16}$/);
    expect(JSON.stringify(log.body)).not.toContain(manager.id);
    expect(await rowsHolding(t, manager.id)).toEqual([]);
  });

  it('refuses the last owner of an organisation (409 last-owner) and erases nothing', async () => {
    const refused = await t.http.delete('/api/v1/me').set(as(owner)).send({ password: owner.password });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/last-owner$/);
    expect((await t.http.get('/api/v1/me/profile').set(as(owner))).status).toBe(200);
  });

  it("an owner erases a member's data in their organisation only; the account and the other organisation stay", async () => {
    const member = await memberOfBoth();
    const reader = await memberOfBoth();
    const here = await createPost(t, member, keeping.sphereId);
    const there = await createPost(t, member, deleting.sphereId);

    const outsider = await registerUser(t.http);
    const notOwner = await t.http
      .delete(`/api/v1/organisations/${keeping.id}/members/${member.id}/data`)
      .set(as(reader));
    expect(notOwner.status).toBe(403);
    expect(
      (await t.http.delete(`/api/v1/organisations/${keeping.id}/members/${outsider.id}/data`).set(as(owner))).status,
    ).toBe(404);

    const erased = await t.http.delete(`/api/v1/organisations/${keeping.id}/members/${member.id}/data`).set(as(owner));
    expect(erased.status).toBe(204);

    expect((await t.http.get(`/api/v1/posts/${here.id}`).set(as(reader))).body.author).toBeNull();
    const stays = await t.http.get(`/api/v1/posts/${there.id}`).set(as(reader));
    expect(stays.body.author).toEqual({ id: member.id, displayName: member.displayName });
    expect((await t.http.get(`/api/v1/spheres/${keeping.sphereId}/posts`).set(as(member))).status).not.toBe(200);
    expect((await t.http.get(`/api/v1/spheres/${deleting.sphereId}/posts`).set(as(member))).status).toBe(200);
    expect((await t.http.get('/api/v1/me/profile').set(as(member))).status).toBe(200);
    const [{ n }] = (await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'member.data_erased' AND target_id = $1 AND organisation_id = $2`,
      [member.id, keeping.id],
    )) as { n: number }[];
    expect(n).toBe(1);
  });
});
