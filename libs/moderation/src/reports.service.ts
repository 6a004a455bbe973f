import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessGate, AuthContext } from '@alveole/access';
import { APP_CONFIG, AppConfig, AppException, AttemptCounter, DomainEvents, newId } from '@alveole/core';
import { ModerationErrors } from './moderation.errors';
import { ModerationEvents } from './moderation.events';
import { ModerationRepository, REPORT_CATEGORIES, ReportCategory, TargetType } from './moderation.repository';
import { reportSubject } from './moderation.rules';
import { AutoHide } from './auto-hide';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { CaseOpening } from './case-opening';
import { ReportTargets } from './report-targets';

export const MAX_REPORT_NOTE = 2_000;
export const REPORT_WINDOW_SECONDS = 3600;

export interface NewReportInput {
  targetType: TargetType;
  targetId: string;
  /** For a member: the sphere where they are reported. */
  sphereId?: string;
  /** A charter article number ("3") of the charter in force, or a category. */
  reason: string;
  note?: string;
}

export interface FiledReport {
  id: string;
  caseId: string;
  targetType: TargetType;
  targetId: string;
  reason: string;
  charterVersion: number | null;
  note: string | null;
  createdAt: Date;
}

/** Filing reports: each joins its target's open case, or opens one with a snapshot of the target. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ModerationRepository,
    private readonly targets: ReportTargets,
    private readonly opening: CaseOpening,
    private readonly autoHide: AutoHide,
    private readonly decisions: CaseDecisionsRepository,
    private readonly gate: AccessGate,
    private readonly attempts: AttemptCounter,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async file(auth: AuthContext, input: NewReportInput): Promise<FiledReport> {
    const access = await this.gate.of(auth);
    this.gate.assert(access, 'create', reportSubject({ reporterId: auth.userId }));
    // counted before anything is read: probing targets costs the same as reporting them
    const window = await this.attempts.hit(`reports:${auth.userId}`, REPORT_WINDOW_SECONDS);
    if (window.count > this.config.reportsMaxPerHour) throw AppException.rateLimited(window.retryAfterMs / 1000);
    const target = await this.targets.readable(auth, input.targetType, input.targetId, input.sphereId);
    const reason = await this.reason(target.organisationId, input.reason);
    const note = input.note?.trim() || null;
    const id = newId();
    const draft = await this.opening.newCase(newId(), { kind: 'report', ...target });
    return this.dataSource.transaction(async (manager) => {
      const { caseId, opened } = await this.repository.openCaseFor(draft, manager);
      const report = {
        id,
        caseId,
        organisationId: target.organisationId,
        sphereId: target.sphereId,
        reporterId: auth.userId,
        targetType: target.type,
        targetId: target.id,
        ...reason,
        note,
      };
      // the transaction rolls back, with a case it may have opened
      if (!(await this.repository.insertReport(report, manager))) throw ModerationErrors.alreadyReported();
      let moderationCase = await this.repository.countReport(caseId, manager);
      if (opened) {
        await this.repository.recordEvent({ id: newId(), caseId, actorId: auth.userId, kind: 'opened' }, manager);
        await this.opening.opened(moderationCase, manager);
      }
      await this.repository.recordEvent(
        { id: newId(), caseId, actorId: auth.userId, kind: 'reported', detail: { reportId: id } },
        manager,
      );
      moderationCase = await this.autoHide.afterReport(moderationCase, manager);
      const counts = await this.decisions.counts(moderationCase.sphereId, manager);
      await this.events.publish(manager, ModerationEvents.reportCreated(report, moderationCase, opened, counts));
      return {
        id,
        caseId,
        targetType: target.type,
        targetId: target.id,
        reason: input.reason,
        charterVersion: reason.charterVersion,
        note,
        createdAt: new Date(),
      };
    });
  }

  /** An article of the charter in force (422 when it has no such article), or a category. */
  private async reason(
    organisationId: string,
    reason: string,
  ): Promise<{ charterVersion: number | null; article: number | null; category: ReportCategory | null }> {
    if ((REPORT_CATEGORIES as readonly string[]).includes(reason))
      return { charterVersion: null, article: null, category: reason as ReportCategory };
    const article = Number(reason);
    const charter = await this.repository.charterInForce(organisationId);
    if (!Number.isInteger(article) || article < 1 || article > charter.articles)
      throw ModerationErrors.unknownArticle(charter.articles);
    return { charterVersion: charter.version, article, category: null };
  }
}
