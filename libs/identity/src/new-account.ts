import { AppException } from '@alveole/core';
import { displayNameProblem, normaliseDisplayName } from './display-name';
import { normaliseEmail } from './email';
import { PasswordHasher } from './password-hasher';
import { normaliseUsername, USERNAME_PATTERN } from './username';

export interface AccountInput {
  email?: string | null;
  username?: string | null;
  displayName: string;
  password: string;
}

export interface PreparedAccount {
  email: string | null;
  username: string | null;
  displayName: string;
  passwordHash: string;
}

/**
 * An account's row before it is inserted: e-mail, username and name normalised and checked, the password
 * hashed. Callers without a DTO (the seed, an import) are held to the DTO's rules.
 */
export async function prepareAccount(hasher: PasswordHasher, input: AccountInput): Promise<PreparedAccount> {
  const email = input.email ? normaliseEmail(input.email) : null;
  const username = input.username ? normaliseUsername(input.username) : null;
  const displayName = normaliseDisplayName(input.displayName);
  const problems = [];
  const nameProblem = displayNameProblem(displayName);
  if (nameProblem) problems.push({ field: 'displayName', message: `displayName ${nameProblem}` });
  if (username !== null && !USERNAME_PATTERN.test(username))
    problems.push({ field: 'username', message: 'username must be 3 to 30 of a-z, 0-9, ".", "_", "-"' });
  if (email === null && username === null) problems.push({ field: 'email', message: 'give an email or a username' });
  if (problems.length) throw AppException.validation(problems);
  // the slow part, outside any transaction: it needs no lock
  return { email, username, displayName, passwordHash: await hasher.hash(input.password) };
}
