import { AuthContext } from './auth-context';

/**
 * Turns a bearer access token into the caller, or null when the token is bad or the user gone.
 * Provided by the identity context; the access library only depends on this shape.
 */
export interface PrincipalResolver {
  resolve(accessToken: string): Promise<AuthContext | null>;
}

export const PRINCIPAL_RESOLVER = Symbol('PRINCIPAL_RESOLVER');
