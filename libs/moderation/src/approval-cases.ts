import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ContentModeration } from '@alveole/content';
import { DomainEvents, newId } from '@alveole/core';
import { CaseDecisionsRepository } from './case-decisions.repository';
import { CaseOpening } from './case-opening';
import { ModerationEvents } from './moderation.events';
import { ModerationRepository } from './moderation.repository';

/**
 * Pending posts (pre-moderation) as cases of kind `approval`: opened when such a post is written,
 * closed by a decision on the case, or by the content routes that approve or delete the post.
 */
@Injectable()
export class ApprovalCases {
  constructor(
    private readonly content: ContentModeration,
    private readonly opening: CaseOpening,
    private readonly repository: ModerationRepository,
    private readonly decisions: CaseDecisionsRepository,
    private readonly events: DomainEvents,
  ) {}

  async open(postId: string, manager: EntityManager): Promise<void> {
    const post = await this.content.find('post', postId, manager);
    // approved or deleted before this job ran: nothing waits
    if (!post || post.status !== 'pending') return;
    const evidence = await this.content.evidence('post', postId, manager);
    const draft = await this.opening.newCase(
      newId(),
      {
        kind: 'approval',
        type: 'post',
        id: postId,
        organisationId: post.organisationId,
        sphereId: post.sphereId,
        spherePath: post.spherePath,
        authorId: post.authorId,
        snapshot: { type: 'post', id: postId, ...evidence },
      },
      manager,
    );
    const { caseId, opened } = await this.repository.openCaseFor(draft, manager);
    if (!opened) return;
    await this.repository.recordEvent({ id: newId(), caseId, actorId: post.authorId, kind: 'opened' }, manager);
    const moderationCase = (await this.decisions.lock(caseId, manager))!;
    await this.opening.opened(moderationCase, manager);
    const counts = await this.decisions.counts(moderationCase.sphereId, manager);
    await this.events.publish(manager, ModerationEvents.approvalOpened(moderationCase, counts));
  }

  /** The post was approved or deleted through the content routes: its approval case is decided so. */
  async closeFor(postId: string, decision: 'approve' | 'remove', by: string, manager: EntityManager): Promise<void> {
    const open = await this.repository.openCaseOf('post', postId, manager);
    if (!open || open.kind !== 'approval') return;
    const reason = decision === 'approve' ? 'approved from the post' : 'deleted';
    const decided = await this.decisions.decide(open.id, { by, action: decision, reason, muteHours: null }, manager);
    await this.repository.recordEvent(
      { id: newId(), caseId: open.id, actorId: by, kind: 'decided', detail: { action: decision, reason } },
      manager,
    );
    const counts = await this.decisions.counts(decided.sphereId, manager);
    await this.events.publish(manager, ModerationEvents.decided(decided, [], [], counts));
  }
}
