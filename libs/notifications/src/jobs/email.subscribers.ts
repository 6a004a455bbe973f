import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, DomainEvents, OnDomainEvent, StoredEvent, SubscriberContext } from '@alveole/core';
import { EmailSender } from '../email/email-sender';
import { DEFER_TO_DIGEST, IMMEDIATE_WAITING, UNCLAIM_IMMEDIATE } from '../email/email.statements';
import { inQuietHours, localClock } from '../email/local-time';

const RETRY_LATER_MS = 60_000;

/**
 * One e-mail per recipient whose item of the batch waits as `immediate`. In quiet hours, or once the
 * day's cap is reached, the item rolls into the next daily digest (simpler than a second schedule,
 * and the digest itself waits for the end of quiet hours). A transient failure after others were
 * sent hands the rest to a later run, so no retry sends twice what this run recorded as sent.
 */
@Injectable()
@OnDomainEvent('notification.batch_written', 'notifications.email_immediate')
export class SendImmediateEmails implements DomainEventSubscriber<'notification.batch_written'> {
  constructor(
    private readonly sender: EmailSender,
    private readonly events: DomainEvents,
  ) {}

  async handle(event: StoredEvent<'notification.batch_written'>, { manager }: SubscriberContext): Promise<void> {
    const { eventId, userIds, emailNow } = event.payload;
    if (emailNow === 0) return;
    const waiting: { user_id: string }[] = await manager.query(IMMEDIATE_WAITING, [eventId, userIds]);
    if (waiting.length === 0) return;
    const now = new Date();
    const recipients = await this.sender.recipients(
      manager,
      waiting.map((row) => row.user_id),
      now,
    );
    let sent = 0;
    for (const [index, recipient] of recipients.entries()) {
      const clock = localClock(now, recipient.timeZone);
      const held =
        recipient.sentToday >= recipient.dailyCap ||
        inQuietHours(clock.minutes, recipient.quietStart, recipient.quietEnd);
      if (held && !recipient.emailOff) {
        await manager.query(DEFER_TO_DIGEST, [recipient.id, eventId]);
        continue;
      }
      try {
        if ((await this.sender.send(manager, recipient, 'immediate', { eventId, upTo: now })).state === 'sent') sent++;
      } catch (error) {
        if (sent === 0) throw error; // nothing recorded yet: the whole run retries with backoff
        await manager.query(UNCLAIM_IMMEDIATE, [recipient.id, eventId]);
        const rest = recipients.slice(index).map((r) => r.id);
        await this.events.publish(manager, {
          name: 'notification.batch_written',
          payload: { eventId, userIds: rest, emailNow: rest.length, pushNow: 0 },
          organisationId: event.organisationId,
          runAt: new Date(now.getTime() + RETRY_LATER_MS),
        });
        return;
      }
    }
  }
}
