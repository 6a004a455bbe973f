import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '@alveole/core';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { ModeratedContent } from './moderated-content';
import { CaseRecord, ModerationRepository } from './moderation.repository';

/**
 * Reported content is hidden until a decision once enough distinct people reported it (the sphere's
 * threshold, 3 by default): everyone but its author and the moderators stops seeing it at once.
 */
@Injectable()
export class AutoHide {
  constructor(
    private readonly content: ModeratedContent,
    private readonly decisions: CaseDecisionsRepository,
    private readonly repository: ModerationRepository,
  ) {}

  /** After a report counted on its case (one report per reporter: the count is of distinct people). */
  async afterReport(moderationCase: CaseRecord, manager: EntityManager): Promise<CaseRecord> {
    const { targetType: type } = moderationCase;
    if (type === 'member' || moderationCase.kind === 'approval') return moderationCase;
    const { hideThreshold } = await this.decisions.settings(moderationCase.sphereId, manager);
    if (hideThreshold === 0 || moderationCase.reportCount < hideThreshold) return moderationCase;
    const target = await this.content.find(type, moderationCase.targetId, manager);
    if (!target || target.status !== 'published') return moderationCase;
    await this.content.setStatus(manager, { type, id: target.id }, 'hidden', null);
    await this.repository.recordEvent(
      {
        id: newId(),
        caseId: moderationCase.id,
        actorId: null,
        kind: 'auto_hidden',
        detail: { reporters: moderationCase.reportCount, threshold: hideThreshold },
      },
      manager,
    );
    return moderationCase;
  }
}
