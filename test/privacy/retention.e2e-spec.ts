import { randomUUID } from 'node:crypto';
import { RetentionRunner } from '@alveole/core';
import { createComment, createPost, sphereWithPeople } from '../factories/content';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/**
 * The daily retention job (issue 15): each context deletes its own rows past their period. Rows are
 * dated in SQL on both sides of each period; the job runs once, as the worker's timer would run it
 * (the api without Redis runs the worker's scheduled work).
 */
describe('retention', () => {
  let t: TestApp;
  let runner: RetentionRunner;
  let org: { id: string };
  let member: TestUser;
  let sphereId: string;

  beforeAll(async () => {
    // one variable set away from its default: the job reads the configuration, not constants
    t = await startTestApp({ env: { REDIS_URL: '', AUDIT_RETENTION_DAYS: '400' } });
    runner = t.app.get(RetentionRunner);
    const people = await sphereWithPeople(t);
    org = people.org;
    member = people.member;
    sphereId = people.sphere.id;
  });

  afterAll(() => t?.close());

  async function idsAmong(table: string, ids: string[]): Promise<string[]> {
    const rows = (await t.db.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])) as { id: string }[];
    return rows.map((row) => row.id).sort();
  }

  it('deletes audit rows older than AUDIT_RETENTION_DAYS and keeps the younger ones', async () => {
    const now = new Date();
    const [old, young] = [randomUUID(), randomUUID()];
    for (const [id, days] of [
      [old, 401],
      [young, 399],
    ] as const) {
      await t.db.query(
        `INSERT INTO audit_log (id, organisation_id, action, target_type, created_at)
         VALUES ($1, $2, 'sphere.moved', 'sphere', $3)`,
        [id, org.id, daysAgo(now, days)],
      );
    }

    const deleted = await runner.run(now);

    expect(deleted.audit_log).toBeGreaterThanOrEqual(1);
    expect(await idsAmong('audit_log', [old, young])).toEqual([young]);
  });

  it('deletes security events older than SECURITY_EVENT_RETENTION_DAYS (365 by default)', async () => {
    const now = new Date();
    const [old, young] = [randomUUID(), randomUUID()];
    for (const [id, days] of [
      [old, 366],
      [young, 364],
    ] as const) {
      await t.db.query(`INSERT INTO security_events (id, user_id, kind, occurred_at) VALUES ($1, $2, 'login', $3)`, [
        id,
        member.id,
        daysAgo(now, days),
      ]);
    }

    const deleted = await runner.run(now);

    expect(deleted.security_events).toBeGreaterThanOrEqual(1);
    expect(await idsAmong('security_events', [old, young])).toEqual([young]);
  });

  it('deletes notifications read more than 90 days ago; unread ones stay whatever their age', async () => {
    const now = new Date();
    const readLongAgo = randomUUID();
    const readLately = randomUUID();
    const unreadOld = randomUUID();
    for (const [eventId, createdDays, readDays] of [
      [readLongAgo, 200, 91],
      [readLately, 200, 89],
      [unreadOld, 500, null],
    ] as const) {
      await t.db.query(
        `INSERT INTO notifications (user_id, event_id, kind, subject_type, created_at, read_at)
         VALUES ($1, $2, 'post', 'post', $3, $4)`,
        [member.id, eventId, daysAgo(now, createdDays), readDays === null ? null : daysAgo(now, readDays)],
      );
    }

    const deleted = await runner.run(now);

    expect(deleted.notifications).toBe(1);
    const left = (await t.db.query(
      `SELECT event_id FROM notifications WHERE user_id = $1 AND event_id = ANY($2::uuid[]) ORDER BY event_id`,
      [member.id, [readLongAgo, readLately, unreadOld]],
    )) as { event_id: string }[];
    expect(left.map((row) => row.event_id)).toEqual([readLately, unreadOld].sort());
  });

  it('deletes posts and comments deleted more than 30 days ago, never a live reply with its parent', async () => {
    const now = new Date();
    const goneLongAgo = await createPost(t, member, sphereId);
    const goneLately = await createPost(t, member, sphereId);
    const live = await createPost(t, member, sphereId);
    const oldComment = await createComment(t, member, live.id);
    const parentWithLiveReply = await createComment(t, member, live.id);
    const liveReply = await createComment(t, member, live.id, 'still here', parentWithLiveReply.id);
    const commentOfOldPost = await createComment(t, member, goneLongAgo.id);
    await t.db.query(`UPDATE posts SET deleted_at = $2 WHERE id = $1`, [goneLongAgo.id, daysAgo(now, 31)]);
    await t.db.query(`UPDATE posts SET deleted_at = $2 WHERE id = $1`, [goneLately.id, daysAgo(now, 29)]);
    await t.db.query(`UPDATE comments SET deleted_at = $2 WHERE id = ANY($1::uuid[])`, [
      [oldComment.id, parentWithLiveReply.id],
      daysAgo(now, 31),
    ]);

    const deleted = await runner.run(now);

    expect(deleted.deleted_content).toBe(2); // the old post, the old comment (its own comment went with the post)
    expect(await idsAmong('posts', [goneLongAgo.id, goneLately.id, live.id])).toEqual([goneLately.id, live.id].sort());
    expect(
      await idsAmong('comments', [oldComment.id, parentWithLiveReply.id, liveReply.id, commentOfOldPost.id]),
    ).toEqual([parentWithLiveReply.id, liveReply.id].sort());
  });

  it('deletes nothing on a second pass the same day', async () => {
    expect(await runner.run(new Date())).toEqual({
      audit_log: 0,
      security_events: 0,
      notifications: 0,
      deleted_content: 0,
    });
  });
});
