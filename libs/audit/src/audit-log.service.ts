import { Inject, Injectable } from '@nestjs/common';
import {
  ACCESS_PROFILE_LOADER,
  AccessGate,
  AccessProfileLoader,
  AuthContext,
  organisationSubject,
  sphereReadScope,
} from '@alveole/access';
import { decodeIdCursor, idPage, Page } from '@alveole/core';
import { auditLogOf } from './audit.rules';
import { AuditLogRepository, AuditLogRow } from './audit-log.repository';

/**
 * Who did what in an organisation (DESIGN.md §2, "Audit log"): owners and system managers read it,
 * each within their scope; members without a role get 403, outsiders 404.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly entries: AuditLogRepository,
    private readonly gate: AccessGate,
    @Inject(ACCESS_PROFILE_LOADER) private readonly organisations: Pick<AccessProfileLoader, 'organisationExists'>,
  ) {}

  async list(
    auth: AuthContext,
    organisationId: string,
    options: { action?: string; targetId?: string; limit: number; cursor?: string },
  ): Promise<Page<AuditLogRow>> {
    const access = await this.gate.of(auth);
    const exists = await this.organisations.organisationExists(organisationId);
    this.gate.visible(access, exists ? organisationId : null, organisationSubject, 'Organisation');
    this.gate.assert(access, 'read', auditLogOf(organisationId));
    const rows = await this.entries.list(organisationId, sphereReadScope(access.profile, organisationId), {
      action: options.action,
      targetId: options.targetId,
      beforeId: decodeIdCursor(options.cursor),
      limit: options.limit + 1,
    });
    return idPage(rows, options.limit);
  }

  /** The instance's own trail (instance admins: the route's policy). */
  async listInstance(options: { action?: string; targetId?: string; limit: number; cursor?: string }) {
    const rows = await this.entries.listInstance({
      action: options.action,
      targetId: options.targetId,
      beforeId: decodeIdCursor(options.cursor),
      limit: options.limit + 1,
    });
    return idPage(rows, options.limit);
  }
}
