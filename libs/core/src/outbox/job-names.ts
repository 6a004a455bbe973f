/** Every background job; the worker refuses to start if one has no handler. */
export enum JobName {
  SecurityEvent = 'identity.security-event',
  RoleExpiring = 'structure.role-expiring',
  /** One per mentioned user; the notifications context will deliver it in-app and by e-mail. */
  PostMentioned = 'post.mentioned',
}

export interface JobPayloads {
  [JobName.SecurityEvent]: { userId: string; kind: SecurityEventKind; ip: string | null; occurredAt: string };
  /** Runs a week before a mandate ends; `expiresAt` lets the handler skip a mandate since extended or revoked. */
  [JobName.RoleExpiring]: { assignmentId: string; organisationId: string; expiresAt: string };
  [JobName.PostMentioned]: {
    postId: string;
    sphereId: string;
    organisationId: string;
    userId: string;
    authorId: string;
  };
}

export type SecurityEventKind = 'account.created' | 'refresh-token.reused' | 'login.locked';

/** Queue per context, so a slow context never starves another (a job's name need not carry it). */
const QUEUES: Record<JobName, string> = {
  [JobName.SecurityEvent]: 'identity',
  [JobName.RoleExpiring]: 'structure',
  [JobName.PostMentioned]: 'content',
};

export function queueOf(name: JobName): string {
  return QUEUES[name];
}
