import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  accessToken: string;
  refreshToken: string;
}

export function userInput(overrides: Partial<Pick<TestUser, 'email' | 'password' | 'displayName'>> = {}) {
  const tag = randomBytes(4).toString('hex');
  return {
    email: `user-${tag}@example.org`,
    password: `pass-${tag}-long-enough`,
    displayName: `User ${tag}`,
    ...overrides,
  };
}

/** Registers through the public route, as a person would. */
export async function registerUser(
  http: TestAgent,
  overrides: Parameters<typeof userInput>[0] = {},
): Promise<TestUser> {
  const input = userInput(overrides);
  const response = await http.post('/api/v1/auth/register').send(input);
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    ...input,
    id: response.body.user.id,
    accessToken: response.body.accessToken,
    refreshToken: response.body.refreshToken,
  };
}
