import { Inject, Injectable } from '@nestjs/common';
import {
  ACCESS_PROFILE_LOADER,
  AccessGate,
  AccessProfileLoader,
  AuthContext,
  CallerAccess,
  organisationSubject,
  sphereSubject,
} from '@alveole/access';
import { AppException, decodeIdCursor, idPage, Page } from '@alveole/core';
import { ModeratedContent } from './moderated-content';
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
    private readonly content: ModeratedContent,
    @Inject(ACCESS_PROFILE_LOADER) private readonly organisations: Pick<AccessProfileLoader, 'organisationExists'>,
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

  /**
   * The managers' queue: the organisation's cases that went up, in the subtrees the caller's roles there
   * cover. 404 when the caller does not see the organisation, 403 when no rule lets them read any.
   */
  async organisationQueue(
    auth: AuthContext,
    organisationId: string,
    status: CaseStatus,
    limit: number,
    cursor?: string,
  ): Promise<Page<CaseRecord>> {
    const access = await this.gate.of(auth);
    const exists = await this.organisations.organisationExists(organisationId);
    this.gate.visible(access, exists ? organisationId : null, organisationSubject, 'Organisation');
    const scope = this.escalatedScope(access, organisationId, status);
    const rows = await this.repository.organisationQueue(
      organisationId,
      status,
      scope,
      limit + 1,
      decodeIdCursor(cursor),
    );
    return idPage(rows, limit);
  }

  /**
   * The sphere paths whose escalated cases the caller reads in the organisation (null: all of it): each
   * of their roles' scopes there, kept when the case rules let them read a case at its top (standing
   * for the subtree), so the SQL only follows what the rules grant. None: the gate refuses (403).
   */
  private escalatedScope(access: CallerAccess, organisationId: string, status: CaseStatus): string[] | null {
    const atTopOf = (spherePath: string) =>
      moderationCaseSubject({ id: '', organisationId, sphereId: '', spherePath, status, escalated: true });
    const scopes = access.profile.orgRoles
      .filter((held) => held.organisationId === organisationId)
      .map((held) => held.scopePath)
      .filter((scopePath) => access.ability.can('read', atTopOf(scopePath ?? '')));
    if (scopes.includes(null)) return null;
    if (scopes.length === 0) {
      this.gate.assert(access, 'read', atTopOf(''));
      throw AppException.forbidden();
    }
    return scopes.filter((scopePath): scopePath is string => scopePath !== null);
  }
}
