/** Roles that apply to the whole instance. */
export type InstanceRole = 'instance_admin';

/** Who is calling: set by the JWT strategy once the token is verified and the user loaded. */
export interface AuthContext {
  userId: string;
  email: string;
  displayName: string;
  instanceRole: InstanceRole | null;
}
