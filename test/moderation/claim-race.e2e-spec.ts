import { createPost, sphereWithPeople } from '../factories/content';
import { as, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('two moderators racing on one case', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  it('50 concurrent claim-and-decide attempts yield exactly one decision and one audit row', async () => {
    const { admin, sphere, animator, member, other } = await sphereWithPeople(t);
    const rival = await registerUser(t.http);
    await putMember(t, admin, sphere.id, rival.id, 'animator');
    const post = await createPost(t, member, sphere.id);
    const filed = await t.http
      .post('/api/v1/reports')
      .set(as(other))
      .send({ targetType: 'post', targetId: post.id, reason: 'spam' })
      .expect(201);
    const caseId: string = filed.body.caseId;

    const attempt = async (moderator: TestUser, action: string) => {
      const claimed = await t.http.post(`/api/v1/moderation/cases/${caseId}/claim`).set(as(moderator));
      if (claimed.status !== 200) return `claim ${claimed.status} ${claimed.body.type as string}`;
      const decided = await t.http
        .post(`/api/v1/moderation/cases/${caseId}/decisions`)
        .set(as(moderator))
        .send({ action, reason: `${action} by ${moderator.id}` });
      return `decide ${decided.status} ${decided.status === 200 ? 'ok' : (decided.body.type as string)}`;
    };
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? attempt(animator, 'hide') : attempt(rival, 'dismiss'))),
    );

    expect(outcomes.filter((o) => o === 'decide 200 ok')).toHaveLength(1);
    // everyone else was told the case is held or closed: never a 500, never a second decision
    for (const outcome of outcomes.filter((o) => o !== 'decide 200 ok'))
      expect(outcome).toMatch(/^(claim|decide) 409 .*(case-claimed|case-closed|case-not-claimed)$/);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE target_id = $1`, [caseId]);
    expect(audit).toHaveLength(1);
    const decided = await t.db.query(
      `SELECT count(*)::int AS n FROM moderation_case_events WHERE case_id = $1 AND kind = 'decided'`,
      [caseId],
    );
    expect(decided[0].n).toBe(1);
    const [row] = await t.db.query(`SELECT status, decision FROM moderation_cases WHERE id = $1`, [caseId]);
    expect(audit[0].action).toBe(`moderation.${row.decision as string}`);
    expect(['resolved', 'dismissed']).toContain(row.status);
  });
});
