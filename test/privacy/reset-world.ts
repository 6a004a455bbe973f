import { randomBytes } from 'node:crypto';
import { as, createInvitation } from '../factories/structure';
import { TestUser } from '../factories/users';
import { TestApp } from '../support/test-app';

/** A member without e-mail, registered from an invitation to `sphereId` with a username. */
export async function registerWithoutEmail(
  t: TestApp,
  inviter: TestUser,
  sphereId: string,
): Promise<TestUser & { username: string }> {
  const invitation = await createInvitation(t, inviter, sphereId);
  const tag = randomBytes(4).toString('hex');
  const input = { username: `Member.${tag}`, password: `pass-${tag}-long-enough`, displayName: `Member ${tag}` };
  const response = await t.http.post('/api/v1/auth/register').send({ ...input, invitationCode: invitation.code });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    ...input,
    username: input.username.toLowerCase(),
    email: '',
    id: response.body.user.id,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
  };
}

export const issueCode = (t: TestApp, issuer: TestUser, sphereId: string, userId: string) =>
  t.http.post(`/api/v1/spheres/${sphereId}/members/${userId}/reset-code`).set(as(issuer)).send();

export const resetWithCode = (t: TestApp, body: Record<string, string>) =>
  t.http.post('/api/v1/auth/password-reset').send(body);

export const loginWith = (t: TestApp, body: Record<string, string>) => t.http.post('/api/v1/auth/login').send(body);
