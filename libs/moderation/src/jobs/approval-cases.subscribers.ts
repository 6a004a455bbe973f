import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { ApprovalCases } from '../approval-cases';

/** A post written pending (pre-moderation) opens its approval case. */
@Injectable()
@OnDomainEvent('post.created', 'moderation.open_approval_case')
export class OpenApprovalCase implements DomainEventSubscriber<'post.created'> {
  constructor(private readonly approvals: ApprovalCases) {}

  async handle(event: StoredEvent<'post.created'>, { manager }: SubscriberContext): Promise<void> {
    if (event.payload.status === 'pending') await this.approvals.open(event.payload.postId, manager);
  }
}

/** Approved from the post itself (POST /posts/:id/approve): its case is decided alike. */
@Injectable()
@OnDomainEvent('post.approved', 'moderation.close_approved_case')
export class CloseApprovedCase implements DomainEventSubscriber<'post.approved'> {
  constructor(private readonly approvals: ApprovalCases) {}

  handle(event: StoredEvent<'post.approved'>, { manager }: SubscriberContext): Promise<void> {
    return this.approvals.closeFor(event.payload.postId, 'approve', event.payload.approvedBy, manager);
  }
}

/** A pending post deleted (by its author, or refused by an animator): its approval case closes. */
@Injectable()
@OnDomainEvent('post.removed', 'moderation.close_removed_case')
export class CloseRemovedCase implements DomainEventSubscriber<'post.removed'> {
  constructor(private readonly approvals: ApprovalCases) {}

  handle(event: StoredEvent<'post.removed'>, { manager }: SubscriberContext): Promise<void> {
    return this.approvals.closeFor(event.payload.postId, 'remove', event.payload.removedBy, manager);
  }
}
