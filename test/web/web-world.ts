import { createComment, createPost } from '../factories/content';
import {
  as,
  createInvitation,
  createOrganisation,
  createSphere,
  instanceAdmin,
  publishCharter,
  putMember,
} from '../factories/structure';
import { registerUser, TestUser } from '../factories/users';
import { TestApp } from '../support/test-app';
import { BrowserPage } from './browser';

/**
 * An organisation with something on every page: a sphere with an edited post, comments and a
 * reply; a public sphere the member has not joined; a pre-moderated sphere the member animates,
 * with a post awaiting approval; a fourth sphere whose charter addendum the member has not accepted.
 */
/** The charter sphere's addendum, which its charter dialog shows. */
export const CHARTER_ADDENDUM = 'In this sphere, we never write where a person sleeps.';

export async function webWorld(t: TestApp) {
  const admin = await instanceAdmin(t);
  const org = await createOrganisation(t, admin, { sphereCreation: 'on_request' });
  const [member, other] = await Promise.all([registerUser(t.http), registerUser(t.http)]);
  const lyon = await createSphere(t, admin, org.id, { visibility: 'private', name: 'Lyon' });
  const open = await createSphere(t, admin, org.id, { visibility: 'public', name: 'Open garden' });
  const moderated = await createSphere(t, admin, org.id, { name: 'Moderated', moderationMode: 'pre' });
  const charter = await createSphere(t, admin, org.id, { visibility: 'private', name: 'Charter sphere' });
  await putMember(t, admin, lyon.id, member.id, 'member');
  await putMember(t, admin, lyon.id, other.id, 'member');
  await putMember(t, admin, moderated.id, member.id, 'animator');
  await putMember(t, admin, moderated.id, other.id, 'member');
  await putMember(t, admin, charter.id, member.id, 'member');

  const post = await createPost(t, member, lyon.id, 'A post with **bold** text, for @' + other.displayName);
  await t.http
    .patch(`/api/v1/posts/${post.id}`)
    .set(as(member))
    .send({ body: 'A post with **bold** text' })
    .expect(200);
  const comment = await createComment(t, other, post.id, 'A first comment');
  await createComment(t, member, post.id, 'A reply to it', comment.id);
  await createPost(t, other, moderated.id, 'Waiting for an animator');
  const invitation = await createInvitation(t, admin, lyon.id);
  await publishCharter(t, admin, org.id); // after the posts: from now on posting asks for the charter
  // the two accept it (in Lyon: once for the organisation); the charter sphere's addendum still asks
  for (const user of [member, other]) {
    const text = await t.http.get(`/api/v1/spheres/${lyon.id}/charter`).set(as(user)).expect(200);
    await t.http
      .post(`/api/v1/spheres/${lyon.id}/charter/accept`)
      .set(as(user))
      .send({ version: text.body.version })
      .expect((response) => expect(response.status).toBeLessThan(300));
  }
  await t.http
    .patch(`/api/v1/spheres/${charter.id}`)
    .set(as(admin))
    .send({ charterAddendum: CHARTER_ADDENDUM })
    .expect(200);
  return { admin, org, member, other, lyon, open, moderated, charter, post, invitation };
}

/**
 * Opens `path` signed in as `user`: a fresh login through the api, its refresh token put where the
 * client keeps it before the page starts (faster than the form; the form has its own tests).
 */
export async function openSignedIn(t: TestApp, tab: BrowserPage, user: TestUser, path: string): Promise<void> {
  const login = await t.http
    .post('/api/v1/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  const token = JSON.stringify(login.body.refreshToken);
  // the top document only: an init script runs in every frame, and a sandboxed one (the brand editor's
  // e-mail preview) has no localStorage to read
  await tab.page.addInitScript(
    `window !== window.top || localStorage.getItem('alveole.refreshToken') || localStorage.setItem('alveole.refreshToken', ${token})`,
  );
  await tab.page.goto(`${t.url}${path}`);
}
