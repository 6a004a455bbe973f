import { randomBytes } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { as, putMember, registerUser } from '../factories/structure';
import {
  approvePost,
  createPost,
  mentionsAnnounced,
  setMembershipStatus,
  sphereWithPeople,
} from '../factories/content';
import { startTestApp, TestApp } from '../support/test-app';

const tag = () => randomBytes(3).toString('hex');

describe('mentions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
  });
  afterAll(() => t.close());

  it('announces each mentioned member of the sphere once, with a post.mentioned outbox row', async () => {
    const { admin, org, sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    const [outsider, quiet] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
    await putMember(t, admin, sphere.id, quiet.id, 'member');
    const body =
      `Hi @${other.displayName} and @${animator.displayName.toLowerCase()}, again @${other.displayName}; ` +
      `@${visitor.displayName}, @${member.displayName} (me) and @${outsider.displayName} (not here). ` +
      `Not mentions: ${quiet.displayName}, @${quiet.displayName}0, @${quiet.displayName}_x`;
    const post = await createPost(t, member, sphere.id, body);
    expect(post.body).toBe(body);
    expect(await mentionsAnnounced(t, post.id)).toEqual([animator.id, other.id, visitor.id].sort());
    const rows: { payload: Record<string, string>; organisation_id: string }[] = await t.db.query(
      `SELECT payload, organisation_id FROM outbox WHERE event_name = 'post.mentioned' AND payload->>'userId' = $1`,
      [other.id],
    );
    expect(rows).toEqual([
      {
        payload: { postId: post.id, sphereId: sphere.id, userId: other.id, authorId: member.id },
        organisation_id: org.id,
      },
    ]);
  });

  it('gives an @ to the longest member name that follows it', async () => {
    const { admin, sphere, member } = await sphereWithPeople(t);
    const name = `Anne ${tag()}`;
    const [anne, anneMarie] = await Promise.all([
      registerUser(t.http, { displayName: name }),
      registerUser(t.http, { displayName: `${name} Marie` }),
    ]);
    await putMember(t, admin, sphere.id, anne.id, 'member');
    await putMember(t, admin, sphere.id, anneMarie.id, 'member');
    const both = await createPost(t, member, sphere.id, `@${name} Marie, ask @${name}!`);
    expect(await mentionsAnnounced(t, both.id)).toEqual([anne.id, anneMarie.id].sort());
    const onlyLonger = await createPost(t, member, sphere.id, `Thanks @${name} Marie`);
    expect(await mentionsAnnounced(t, onlyLonger.id)).toEqual([anneMarie.id]);
  });

  it('mentions muted members but not banned ones', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t);
    await setMembershipStatus(t, sphere.id, other.id, 'muted');
    await setMembershipStatus(t, sphere.id, animator.id, 'banned');
    const post = await createPost(t, member, sphere.id, `@${other.displayName} @${animator.displayName}`);
    expect(await mentionsAnnounced(t, post.id)).toEqual([other.id]);
  });

  it('announces the mentions of a pending post only when it is approved', async () => {
    const { sphere, animator, member, other } = await sphereWithPeople(t, { moderationMode: 'pre' });
    const post = await createPost(t, member, sphere.id, `Dear @${other.displayName}`);
    expect(post.status).toBe('pending');
    expect(await mentionsAnnounced(t, post.id)).toEqual([]);
    // mentions added while it waits wait too
    await t.http
      .patch(`/api/v1/posts/${post.id}`)
      .set(as(member))
      .send({ body: `Dear @${other.displayName} and @${animator.displayName}` })
      .expect(200);
    expect(await mentionsAnnounced(t, post.id)).toEqual([]);
    await approvePost(t, animator, post.id);
    expect(await mentionsAnnounced(t, post.id)).toEqual([animator.id, other.id].sort());
  });

  it('announces on an edit only the members mentioned for the first time', async () => {
    const { sphere, animator, member, other, visitor } = await sphereWithPeople(t);
    const post = await createPost(t, member, sphere.id, `Hello @${other.displayName}`);
    expect(await mentionsAnnounced(t, post.id)).toEqual([other.id]);
    const edit = (body: string) => t.http.patch(`/api/v1/posts/${post.id}`).set(as(member)).send({ body }).expect(200);
    await edit(`Hello @${other.displayName} and @${animator.displayName}`);
    expect(await mentionsAnnounced(t, post.id)).toEqual([animator.id, other.id].sort());
    // dropping a mention and putting it back does not ring twice
    await edit(`Hello @${visitor.displayName}`);
    await edit(`Hello @${other.displayName}, @${animator.displayName} and @${visitor.displayName}`);
    expect(await mentionsAnnounced(t, post.id)).toEqual([animator.id, other.id, visitor.id].sort());
  });
});

describe('mentions, live (jobs in process)', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000', REDIS_URL: '' } });
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  it('tells the mentioned member at once with a post.mentioned event', async () => {
    const { sphere, member, other } = await sphereWithPeople(t);
    const socket = io(`${t.url}/realtime`, {
      auth: { token: other.accessToken },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
    const event = new Promise((resolve) => socket.once('post.mentioned', resolve));
    const post = await createPost(t, member, sphere.id, `Look @${other.displayName}`);
    expect(await event).toEqual({
      postId: post.id,
      sphereId: sphere.id,
      author: { id: member.id, displayName: member.displayName },
    });
  });
});
