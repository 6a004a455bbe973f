/** Roles that apply to the whole instance. */
export type InstanceRole = 'instance_admin';

/** Who is calling: set by the JWT strategy once the token is verified and the user loaded. */
export interface AuthContext {
  userId: string;
  /** Null for members without e-mail (issue 15). */
  email: string | null;
  /** The sign-in name of a member without e-mail; null or absent otherwise. */
  username?: string | null;
  displayName: string;
  instanceRole: InstanceRole | null;
}

/**
 * The caller's own fields out of a wider record (a profile, a joined row). Written out rather than a rest
 * pattern (`{ a, ...auth }`): V8 copies a rest object through its slow generic path, and the guard does this
 * on every request.
 */
export function authContextOf(record: AuthContext): AuthContext {
  return {
    userId: record.userId,
    email: record.email,
    username: record.username,
    displayName: record.displayName,
    instanceRole: record.instanceRole,
  };
}
