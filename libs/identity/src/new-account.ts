import { AppException } from '@alveole/core';
import { displayNameProblem, normaliseDisplayName } from './display-name';
import { normaliseEmail } from './email';
import { PasswordHasher } from './password-hasher';

/**
 * An account's row before it is inserted: e-mail and name normalised and checked, the password hashed.
 * Callers without a DTO (the seed, an import) are held to the DTO's rule on names.
 */
export async function prepareAccount(
  hasher: PasswordHasher,
  input: { email: string; displayName: string; password: string },
): Promise<{ email: string; displayName: string; passwordHash: string }> {
  const email = normaliseEmail(input.email);
  const displayName = normaliseDisplayName(input.displayName);
  const problem = displayNameProblem(displayName);
  if (problem) throw AppException.validation([{ field: 'displayName', message: `displayName ${problem}` }]);
  // the slow part, outside any transaction: it needs no lock
  return { email, displayName, passwordHash: await hasher.hash(input.password) };
}
