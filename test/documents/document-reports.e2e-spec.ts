import { sphereWithPeople } from '../factories/content';
import { download, samples, uploadAs } from '../factories/documents';
import { as, publishCharter, putMember, registerUser } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/** Documents in the moderation queue: reported, hidden at the threshold, decided like posts. */
describe('documents: reports and moderation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' }, withWorker: true });
  });
  afterAll(() => t.close());

  const report = (user: TestUser, body: Record<string, unknown>) =>
    t.http.post('/api/v1/reports').set(as(user)).send(body);
  const decide = async (moderator: TestUser, caseId: string, action: string) => {
    await t.http.post(`/api/v1/moderation/cases/${caseId}/claim`).set(as(moderator)).expect(200);
    await t.http
      .post(`/api/v1/moderation/cases/${caseId}/decisions`)
      .set(as(moderator))
      .send({ action, reason: 'Charter, article 1' })
      .expect(200);
  };
  const listed = async (user: TestUser, sphereId: string) =>
    (await t.http.get(`/api/v1/spheres/${sphereId}/documents`).set(as(user)).expect(200)).body.items.map(
      (d: { id: string; status: string }) => `${d.id}:${d.status}`,
    );

  it('hides a reported document at the third reporter: gone for members, kept for its uploader and the animators', async () => {
    const { admin, org, sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    const third = await registerUser(t.http);
    await putMember(t, admin, sphere.id, third.id, 'member');
    const document = (await uploadAs(t, member, sphere.id, samples.pdf(), { name: 'Fichier adhérents.pdf' })).body;
    await publishCharter(t, admin, org.id);

    const first = await report(visitor, { targetType: 'document', targetId: document.id, reason: 'personal_data' });
    expect(first.status).toBe(201);
    await report(other, { targetType: 'document', targetId: document.id, reason: '1' }).expect(201);
    expect(await listed(third, sphere.id)).toEqual([`${document.id}:published`]);
    await report(third, { targetType: 'document', targetId: document.id, reason: 'personal_data' }).expect(201);

    expect(await listed(third, sphere.id)).toEqual([]);
    await download(t, third, document.id).expect(404);
    expect(await listed(member, sphere.id)).toEqual([`${document.id}:hidden`]);
    expect(await listed(animator, sphere.id)).toEqual([`${document.id}:hidden`]);
    await download(t, animator, document.id).expect(200);

    const moderationCase = await t.http.get(`/api/v1/moderation/cases/${first.body.caseId}`).set(as(animator));
    expect(moderationCase.body).toMatchObject({
      targetType: 'document',
      targetId: document.id,
      current: { status: 'hidden' },
    });
    expect(moderationCase.body.snapshot).toMatchObject({ name: 'Fichier adhérents.pdf', sha256: document.sha256 });

    await decide(animator, first.body.caseId, 'restore');
    expect(await listed(third, sphere.id)).toEqual([`${document.id}:published`]);
  });

  it('removes a document by decision, refuses it as an attachment, and 404s a report by someone who cannot read it', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    const outsider = await registerUser(t.http);
    const document = (await uploadAs(t, member, sphere.id, samples.pdf())).body;
    await report(outsider, { targetType: 'document', targetId: document.id, reason: 'spam' }).expect(404);
    const reported = await report(other, { targetType: 'document', targetId: document.id, reason: 'spam' }).expect(201);
    await decide(animator, reported.body.caseId, 'remove');
    await t.http.get(`/api/v1/documents/${document.id}`).set(as(other)).expect(404);
    const own = await t.http.get(`/api/v1/documents/${document.id}`).set(as(member)).expect(200);
    expect(own.body.status).toBe('removed');
    const post = await t.http
      .post(`/api/v1/spheres/${sphere.id}/posts`)
      .set(as(member))
      .send({ body: 'Again', attachmentIds: [document.id] });
    expect(post.status).toBe(422);
  });
});
