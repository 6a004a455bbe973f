import { Injectable } from '@nestjs/common';
import { AuthContext, Delegation, inOrganisation } from '@alveole/access';
import { AppException, Page } from '@alveole/core';
import { AccessProfiles } from './access-profiles';
import { AuditLogRepository, AuditLogRow } from './audit-log.repository';
import { visibleOrganisation } from './guards';
import { decodeIdCursor, idPage } from './id-cursor';
import { OrganisationsRepository } from './organisations.repository';

/**
 * Who did what in an organisation (DESIGN.md §2, "Audit log"): owners and system managers read it,
 * each within their scope; members without a role get 403, outsiders 404.
 */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly entries: AuditLogRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessProfiles,
  ) {}

  async list(
    auth: AuthContext,
    organisationId: string,
    options: { action?: string; targetId?: string; limit: number; cursor?: string },
  ): Promise<Page<AuditLogRow>> {
    const { ability, profile } = await this.access.of(auth);
    visibleOrganisation(ability, await this.organisations.findById(organisationId));
    if (!ability.can('read', inOrganisation('AuditLog', organisationId))) throw AppException.forbidden();
    const rows = await this.entries.list(organisationId, Delegation.sphereReadScope(profile, organisationId), {
      action: options.action,
      targetId: options.targetId,
      beforeId: decodeIdCursor(options.cursor),
      limit: options.limit + 1,
    });
    return idPage(rows, options.limit);
  }
}
