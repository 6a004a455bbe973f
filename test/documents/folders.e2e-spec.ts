import { sphereWithPeople } from '../factories/content';
import { samples, uploadAs } from '../factories/documents';
import { as } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

describe('documents: folders', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  const folder = (user: TestUser, sphereId: string, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/spheres/${sphereId}/folders`).set(as(user)).send(body);

  it('builds a tree, files documents in it and moves them between folders', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const minutes = (await folder(member, sphere.id, { name: 'Comptes rendus' }).expect(201)).body;
    const year = (await folder(member, sphere.id, { name: '2026', parentId: minutes.id }).expect(201)).body;
    expect(year).toMatchObject({ sphereId: sphere.id, parentId: minutes.id, name: '2026', documentCount: 0 });
    const doc = (await uploadAs(t, member, sphere.id, samples.pdf(), { folderId: year.id }).expect(201)).body;
    expect(doc.folderId).toBe(year.id);

    const inYear = await t.http.get(`/api/v1/spheres/${sphere.id}/documents?folderId=${year.id}`).set(as(other));
    expect(inYear.body.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    const top = await t.http.get(`/api/v1/spheres/${sphere.id}/documents`).set(as(other)).expect(200);
    expect(top.body.items).toEqual([]);

    const moved = await t.http
      .patch(`/api/v1/documents/${doc.id}`)
      .set(as(member))
      .send({ folderId: null, name: 'PV.pdf' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ folderId: null, name: 'PV.pdf' });
    const tree = await t.http.get(`/api/v1/spheres/${sphere.id}/folders`).set(as(other)).expect(200);
    expect(tree.body.items.map((f: { name: string; parentId: string | null }) => [f.name, f.parentId])).toEqual([
      ['2026', minutes.id],
      ['Comptes rendus', null],
    ]);
  });

  it('refuses a name taken at the same place (any case), a move into itself, and deleting a folder that holds something', async () => {
    const { sphere, member, animator } = await sphereWithPeople(t);
    const parent = (await folder(member, sphere.id, { name: 'Bureau' }).expect(201)).body;
    const child = (await folder(member, sphere.id, { name: 'Archives', parentId: parent.id }).expect(201)).body;
    expect((await folder(member, sphere.id, { name: 'bureau' }).expect(409)).body.type).toBe('folder-name-taken');
    await folder(member, sphere.id, { name: 'Bureau', parentId: child.id }).expect(201); // another place

    const cycle = await t.http.patch(`/api/v1/folders/${parent.id}`).set(as(member)).send({ parentId: child.id });
    expect(cycle.status).toBe(422);
    await t.http.patch(`/api/v1/folders/${parent.id}`).set(as(member)).send({ parentId: parent.id }).expect(422);
    expect((await t.http.delete(`/api/v1/folders/${parent.id}`).set(as(animator)).expect(409)).body.type).toBe(
      'folder-not-empty',
    );
    const renamed = await t.http.patch(`/api/v1/folders/${child.id}`).set(as(member)).send({ name: 'Archives 2025' });
    expect(renamed.body).toMatchObject({ name: 'Archives 2025', parentId: parent.id });
  });

  it('lets the creator and the animators change a folder, and no one else; a folder of another sphere is unknown', async () => {
    const { sphere, member, other, animator } = await sphereWithPeople(t);
    const elsewhere = await sphereWithPeople(t);
    const mine = (await folder(member, sphere.id, { name: 'Trésorerie' }).expect(201)).body;
    await t.http.patch(`/api/v1/folders/${mine.id}`).set(as(other)).send({ name: 'Mine now' }).expect(403);
    await t.http.delete(`/api/v1/folders/${mine.id}`).set(as(other)).expect(403);
    await t.http.delete(`/api/v1/folders/${mine.id}`).set(as(elsewhere.member)).expect(404);
    const upload = await uploadAs(t, elsewhere.member, elsewhere.sphere.id, samples.pdf(), { folderId: mine.id });
    expect(upload.status).toBe(422);
    await t.http.delete(`/api/v1/folders/${mine.id}`).set(as(animator)).expect(204);
    await t.http.get(`/api/v1/spheres/${sphere.id}/documents?folderId=${mine.id}`).set(as(member)).expect(404);
  });
});
