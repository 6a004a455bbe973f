import { normaliseEmail } from './email';
import type { SignInName } from './users.repository';
import { normaliseUsername } from './username';

/** The e-mail or the username, spelt as stored. */
export function normaliseSignInName(name: SignInName): SignInName {
  return 'email' in name ? { email: normaliseEmail(name.email) } : { username: normaliseUsername(name.username) };
}

/** Where LocalAuthGuard puts the e-mail or username for passport-local, which reads a single field. */
export const SIGN_IN_NAME_FIELD = 'signInName';
