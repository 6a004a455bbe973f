import { Injectable } from '@nestjs/common';
import { ContentModeration } from '@alveole/content';
import { AccessGate, AuthContext, sphereSubject } from '@alveole/access';
import { AppException, decodeIdCursor, idPage, Page } from '@alveole/core';
import { CaseEventRecord, CaseRecord, CaseStatus, ModerationRepository, ReportRecord } from './moderation.repository';
import { moderationCaseSubject } from './moderation.rules';

/** The target as it stands now, beside its snapshot. */
export interface CurrentTarget {
  status: string;
  body: string;
  editedAt: Date | null;
}

export interface CaseDetail {
  moderationCase: CaseRecord;
  current: CurrentTarget | null;
  reports: ReportRecord[];
  history: CaseEventRecord[];
}

/** What the case rules look at, of a case as stored. */
export const caseFacts = (c: CaseRecord) =>
  moderationCaseSubject({
    id: c.id,
    organisationId: c.organisationId,
    sphereId: c.sphereId,
    spherePath: c.spherePath,
    status: c.status,
    escalated: c.escalatedAt !== null,
  });

/** Reading cases: a sphere's queue and one case with its reports and history. */
@Injectable()
export class CasesService {
  constructor(
    private readonly repository: ModerationRepository,
    private readonly gate: AccessGate,
    private readonly content: ContentModeration,
  ) {}

  /** 404 when the caller does not see the sphere, 403 when they see it without moderating it. */
  async sphereQueue(
    auth: AuthContext,
    sphereId: string,
    status: CaseStatus,
    limit: number,
    cursor?: string,
  ): Promise<Page<CaseRecord>> {
    const access = await this.gate.of(auth);
    const sphere = this.gate.visible(access, await this.repository.sphere(sphereId), sphereSubject, 'Sphere');
    // the sphere's own queue is its moderators': a case that never went up stands for all of them
    this.gate.assert(
      access,
      'read',
      moderationCaseSubject({
        id: '',
        organisationId: sphere.organisationId,
        sphereId: sphere.id,
        spherePath: sphere.path,
        status,
        escalated: false,
      }),
    );
    const rows = await this.repository.sphereQueue(sphereId, status, limit + 1, decodeIdCursor(cursor));
    return idPage(rows, limit);
  }

  /** A case the caller may not read is 404, as if it did not exist. */
  async get(auth: AuthContext, caseId: string): Promise<CaseDetail> {
    const access = await this.gate.of(auth);
    const found = await this.repository.findCase(caseId);
    if (!found || !access.ability.can('read', caseFacts(found))) throw AppException.notFound('Case');
    const [reports, history, current] = await Promise.all([
      this.repository.reportsOf(caseId),
      this.repository.historyOf(caseId),
      found.targetType === 'member' ? null : this.content.evidence(found.targetType, found.targetId),
    ]);
    return {
      moderationCase: found,
      current: current && { status: current.status, body: current.body, editedAt: current.editedAt },
      reports,
      history,
    };
  }
}
