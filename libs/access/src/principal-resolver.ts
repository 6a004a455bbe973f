import { AuthContext } from './auth-context';

/**
 * Turns a bearer access token into the caller, or null when the token is bad or the user gone.
 * Provided by the identity context; the access library only depends on this shape.
 */
export interface PrincipalResolver {
  resolve(accessToken: string): Promise<AuthContext | null>;
  /**
   * The user id a well-signed, unexpired token names, without loading the user: for callers that load
   * the user row together with something else (the access gate's caller statement). Null when bad.
   */
  subjectOf(accessToken: string): string | null;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');
