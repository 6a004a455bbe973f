import type { EntityManager } from 'typeorm';
import { PERSONAL_DATA } from './personal-data.statements';

/** Columns never exported even if a table grows one: hashes and secrets protect the account, they are not data. */
const SECRET_COLUMN = /(hash|secret|token)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;
/** Keys whose values are people's words, whatever they look like. */
const FREE_TEXT_KEY = /name|reason|note|body|text|title|description|email|comment|message/i;

export interface ExportedVersion {
  documentId: string;
  organisationId: string;
  sphereId: string;
  name: string;
  status: string;
  deletedAt: Date | null;
  version: number;
  size: number;
  mimeType: string;
  sha256: string;
  uploadedAt: Date;
  storageKey: string;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * Audit entries keep their before/after values when they are ids, numbers, dates or short codes
 * (roles, statuses); free text is left out, since an entry where I act may quote someone else
 * (the name of a document I removed as an animator, a reason another moderator wrote).
 */
export function scrubAuditValue(value: unknown, key = ''): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const code = CODE.test(value) && !FREE_TEXT_KEY.test(key);
    return UUID.test(value) || ISO_DATE.test(value) || code ? value : undefined;
  }
  if (Array.isArray(value)) return value.map((item) => scrubAuditValue(item, key)).filter((item) => item !== undefined);
  if (typeof value === 'object') {
    const kept = Object.entries(value as Record<string, unknown>)
      .map(([name, item]) => [name, scrubAuditValue(item, name)] as const)
      .filter(([, item]) => item !== undefined);
    return Object.fromEntries(kept);
  }
  return undefined;
}

/** Reads one person's data, kind by kind, through the export job's transaction (read-only). */
export class PersonalData {
  constructor(
    private readonly manager: EntityManager,
    private readonly userId: string,
  ) {}

  private rows<T = Record<string, unknown>>(statement: string): Promise<T[]> {
    return this.manager.query(statement, [this.userId]);
  }

  async profile(): Promise<Record<string, unknown>> {
    const [found] = await this.rows<{ row: Record<string, unknown> }>(PERSONAL_DATA.profile);
    const entries = Object.entries(found?.row ?? {}).filter(([key]) => !SECRET_COLUMN.test(key));
    return Object.fromEntries(entries.map(([key, value]) => [camel(key), value]));
  }

  async memberships() {
    return {
      organisations: await this.rows(PERSONAL_DATA.organisations),
      spheres: await this.rows(PERSONAL_DATA.spheres),
      roles: await this.rows(PERSONAL_DATA.roles),
    };
  }

  posts = () => this.rows(PERSONAL_DATA.posts);
  comments = () => this.rows(PERSONAL_DATA.comments);
  reactions = () => this.rows(PERSONAL_DATA.reactions);
  reports = () => this.rows(PERSONAL_DATA.reports);
  notifications = () => this.rows(PERSONAL_DATA.notifications);

  async preferences() {
    const [settings] = await this.rows(PERSONAL_DATA.notificationSettings);
    const [profile] = await this.rows<{ row: { locale?: string | null } }>(PERSONAL_DATA.profile);
    return {
      locale: profile?.row.locale ?? null,
      notificationSettings: settings ?? null,
      sphereNotificationLevels: await this.rows(PERSONAL_DATA.sphereLevels),
      pushDevices: await this.rows(PERSONAL_DATA.pushDevices),
    };
  }

  async sessions() {
    return {
      sessions: await this.rows(PERSONAL_DATA.sessions),
      securityEvents: await this.rows(PERSONAL_DATA.securityEvents),
    };
  }

  async audit() {
    const entries = await this.rows<{
      actorId: string | null;
      targetId: string | null;
      before: unknown;
      after: unknown;
    }>(PERSONAL_DATA.audit);
    return entries.map((entry) => ({
      ...entry,
      role: entry.actorId === this.userId ? 'actor' : 'subject',
      before: entry.before === null ? null : scrubAuditValue(entry.before),
      after: entry.after === null ? null : scrubAuditValue(entry.after),
    }));
  }

  documentVersions = () => this.rows<ExportedVersion>(PERSONAL_DATA.documentVersions);
}
