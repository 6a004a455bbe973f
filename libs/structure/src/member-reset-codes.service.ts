import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext, Delegation } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException } from '@alveole/core';
import { IssuedResetCode, ResetCodesService, UserDirectory } from '@alveole/identity';
import { MembershipsRepository } from './memberships.repository';
import { sphereFacts } from './sphere.entity';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';

/**
 * A one-time password reset code for a member of a sphere (issue 15): members without e-mail have no
 * other way back in. Who may give one is the access library's rule; the code itself is identity's.
 */
@Injectable()
export class MemberResetCodesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly spheres: SpheresRepository,
    private readonly memberships: MembershipsRepository,
    private readonly users: UserDirectory,
    private readonly codes: ResetCodesService,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
  ) {}

  async issue(auth: AuthContext, sphereId: string, userId: string): Promise<IssuedResetCode> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'moderate', await this.spheres.findById(sphereId));
    const key = { organisationId: sphere.organisationId, sphereId, userId };
    const membership = await this.memberships.find(key);
    const target = membership?.status === 'active' ? await this.users.principal(userId) : null;
    if (!target) throw AppException.notFound('Member');
    const { profile: targetProfile } = await this.access.of(target);
    if (!Delegation.canIssueResetCode(access.profile, sphereFacts(sphere), targetProfile))
      throw StructureErrors.resetCodeNotAllowed();
    return this.dataSource.transaction(async (manager) => {
      const issued = await this.codes.issueIn(manager, userId, auth.userId);
      // never the code: the entry says who gave one to whom, where, and until when it works
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'member.reset_code_issued',
        targetType: 'user',
        targetId: userId,
        spherePath: sphere.path,
        after: { sphereId, expiresAt: issued.expiresAt },
      });
      return issued;
    });
  }
}
