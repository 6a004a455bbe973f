import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessGate } from '@alveole/access';
import { MemberSanctions } from '@alveole/structure';
import { ModeratedContent } from './moderated-content';
import { ModerationErrors } from './moderation.errors';
import { CaseRecord, Decision } from './moderation.repository';

export interface DecisionInput {
  action: Decision;
  reason: string;
  /** Mutes only. */
  durationHours?: number;
}

const CONTENT_ACTIONS: Decision[] = ['hide', 'remove', 'restore'];
const SANCTIONS: Decision[] = ['mute', 'remove_member', 'ban'];

/**
 * What a decision does beyond closing its case, in the decision's transaction: the content's status
 * (asked of the content context) or a sanction on the author (asked of the structure context).
 * Anything that cannot apply is refused before anything is written (422 `decision-not-applicable`).
 */
@Injectable()
export class DecisionEffects {
  constructor(
    private readonly content: ModeratedContent,
    private readonly sanctions: MemberSanctions,
    private readonly gate: AccessGate,
  ) {}

  /**
   * Whether the case's author holds a role in its organisation (a system manager's role is withdrawn by
   * delegation, not sanctioned). Asked before the decision's transaction: a transaction never waits
   * for a second connection of the pool.
   */
  async authorHoldsOrgRole(moderationCase: CaseRecord): Promise<boolean> {
    const userId = moderationCase.authorId;
    if (!userId) return false;
    const author = await this.gate.of({ userId, email: '', displayName: '', instanceRole: null });
    return author.profile.orgRoles.some((r) => r.organisationId === moderationCase.organisationId);
  }

  async apply(
    moderationCase: CaseRecord,
    input: DecisionInput,
    deciderId: string,
    authorHoldsOrgRole: boolean,
    manager: EntityManager,
  ) {
    const { action } = input;
    const approval = moderationCase.kind === 'approval';
    if (approval && action !== 'approve' && action !== 'remove')
      throw ModerationErrors.notApplicable('a pending post is approved or removed');
    if (!approval && action === 'approve') throw ModerationErrors.notApplicable('only pending posts are approved');
    if (action === 'mute' && !input.durationHours)
      throw ModerationErrors.notApplicable('a mute needs its duration (durationHours)');
    if (SANCTIONS.includes(action)) {
      if (authorHoldsOrgRole)
        throw ModerationErrors.notApplicable('the author holds a role in the organisation: withdraw it instead');
      return this.sanction(moderationCase, input, deciderId, manager);
    }
    if (moderationCase.targetType === 'member') {
      if (CONTENT_ACTIONS.includes(action)) throw ModerationErrors.notApplicable('a member is not content');
      return;
    }
    const type = moderationCase.targetType;
    const target = await this.content.find(type, moderationCase.targetId, manager);
    if (!target) {
      if (CONTENT_ACTIONS.includes(action) || action === 'approve')
        throw ModerationErrors.notApplicable('its author deleted this content');
      return;
    }
    const ref = { type, id: target.id };
    if (action === 'approve') await this.content.approvePending(manager, target.id, deciderId);
    else if (action === 'hide') await this.content.setStatus(manager, ref, 'hidden', deciderId);
    else if (action === 'remove') await this.content.setStatus(manager, ref, 'removed', deciderId);
    else if (action === 'restore') {
      if (target.status === 'pending') throw ModerationErrors.notApplicable('a pending post is approved, not restored');
      await this.content.setStatus(manager, ref, 'published', deciderId);
    }
    // dismissing a report on content hidden meanwhile (by the reporters' number) gives it back
    else if (action === 'dismiss' && target.status === 'hidden')
      await this.content.setStatus(manager, ref, 'published', deciderId);
  }

  private async sanction(moderationCase: CaseRecord, input: DecisionInput, deciderId: string, manager: EntityManager) {
    const userId = moderationCase.authorId;
    if (!userId) throw ModerationErrors.notApplicable('the author no longer has an account');
    if (userId === deciderId) throw ModerationErrors.notApplicable('you cannot sanction yourself');
    const target = { organisationId: moderationCase.organisationId, userId, actorId: deciderId };
    const { sphereId } = moderationCase;
    if (input.action === 'ban') {
      await this.sanctions.banFromOrganisation(manager, { ...target, reason: input.reason });
      return;
    }
    const applied =
      input.action === 'mute'
        ? await this.sanctions.mute(manager, {
            ...target,
            sphereId,
            until: new Date(Date.now() + input.durationHours! * 3_600_000),
          })
        : await this.sanctions.removeFromSphere(manager, { ...target, sphereId });
    if (!applied) throw ModerationErrors.notApplicable('the author is no longer a member of the sphere');
  }
}
