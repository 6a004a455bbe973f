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
