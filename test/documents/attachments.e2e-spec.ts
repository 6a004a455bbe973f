import { postAs, sphereWithPeople } from '../factories/content';
import { samples, uploadAs } from '../factories/documents';
import { as } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';

describe('documents attached to posts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  it('attaches documents of the sphere in order, shows their names, and marks one deleted since', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const agenda = (await uploadAs(t, member, sphere.id, samples.pdf(300), { name: 'Ordre du jour.pdf' })).body;
    const photo = (await uploadAs(t, other, sphere.id, samples.png(300), { name: 'AG.png', type: 'image/png' })).body;
    const post = await postAs(t, member, sphere.id, {
      body: 'Les documents de l’AG',
      attachmentIds: [photo.id, agenda.id, photo.id],
    }).expect(201);
    expect(post.body.attachments).toEqual([
      { id: photo.id, name: 'AG.png', size: photo.size, mimeType: 'image/png' },
      { id: agenda.id, name: 'Ordre du jour.pdf', size: agenda.size, mimeType: 'application/pdf' },
    ]);

    await t.http.delete(`/api/v1/documents/${photo.id}`).set(as(other)).expect(204);
    const feed = await t.http.get(`/api/v1/spheres/${sphere.id}/posts`).set(as(other)).expect(200);
    expect(feed.body.items[0].attachments).toEqual([
      { id: photo.id, removed: true },
      { id: agenda.id, name: 'Ordre du jour.pdf', size: agenda.size, mimeType: 'application/pdf' },
    ]);
    const one = await t.http.get(`/api/v1/posts/${post.body.id}`).set(as(member)).expect(200);
    expect(one.body.attachments).toEqual(feed.body.items[0].attachments);
  });

  it('refuses a document of another sphere, a deleted one, and more than ten (422 on attachmentIds)', async () => {
    const { sphere, member } = await sphereWithPeople(t);
    const elsewhere = await sphereWithPeople(t);
    const foreign = (await uploadAs(t, elsewhere.member, elsewhere.sphere.id, samples.pdf())).body;
    const gone = (await uploadAs(t, member, sphere.id, samples.pdf())).body;
    await t.http.delete(`/api/v1/documents/${gone.id}`).set(as(member)).expect(204);
    const mine = (await uploadAs(t, member, sphere.id, samples.pdf())).body;
    for (const attachmentIds of [[foreign.id], [mine.id, gone.id], Array(11).fill(mine.id)]) {
      const refused = await postAs(t, member, sphere.id, { body: 'Attached', attachmentIds }).expect(422);
      expect(refused.body.errors[0].field).toBe('attachmentIds');
    }
  });
});
