import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, newId } from '@alveole/core';
import type { NotificationView } from '../notifications.repository';
import { CLAIM_ITEMS, DROP_WAITING, EMAIL_RECIPIENTS, MARK_ADDRESS_FAILING, RECORD_EMAIL } from './email.statements';
import { EmailBranding } from './email-branding';
import { composeEmail } from './email-templates';
import { isPermanentFailure, MailTransport } from './mail-transport';
import { signUnsubscribeToken } from './unsubscribe-token';

export interface EmailRecipient {
  id: string;
  /** Null for a member without e-mail: then `emailOff` is true and nothing is sent. */
  email: string | null;
  displayName: string;
  locale: string;
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
  dailyCap: number;
  /** E-mail turned off, or the address paused as failing. */
  emailOff: boolean;
  sentToday: number;
}

export type EmailKind = 'immediate' | 'daily' | 'weekly';

/**
 * Claims a recipient's waiting items, sends them as one e-mail and records it, all in the caller's
 * transaction: a send that throws rolls the claim back (the job retries); a refused address (5xx)
 * pauses e-mail for the person and drops what waited, without throwing.
 */
@Injectable()
export class EmailSender {
  constructor(
    private readonly transport: MailTransport,
    private readonly branding: EmailBranding,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  recipients(manager: EntityManager, userIds: string[], now: Date): Promise<EmailRecipient[]> {
    return manager.query(EMAIL_RECIPIENTS, [userIds, now]);
  }

  /** The e-mail's state: `sent` (with its item count), `empty` (nothing waited), `failing` (address refused). */
  async send(
    manager: EntityManager,
    recipient: EmailRecipient,
    kind: EmailKind,
    scope: { eventId: string | null; upTo: Date },
  ): Promise<{ state: 'sent' | 'empty' | 'failing'; items: NotificationView[] }> {
    if (recipient.emailOff || recipient.email === null) {
      await manager.query(DROP_WAITING, [recipient.id]);
      return { state: 'empty', items: [] };
    }
    const email = recipient.email;
    const items: NotificationView[] = await manager.query(CLAIM_ITEMS, [recipient.id, kind, scope.eventId, scope.upTo]);
    if (items.length === 0) return { state: 'empty', items };
    const look = await this.branding.forItems(items);
    const mail = composeEmail({
      kind,
      recipient,
      items,
      brand: look.brand,
      publicUrl: look.publicUrl,
      unsubscribeUrl: (sphereId) =>
        `${look.publicUrl}/api/v1/unsubscribe/${signUnsubscribeToken(this.config.unsubscribeSecret, { userId: recipient.id, sphereId })}`,
    });
    try {
      await this.transport.send({ to: email, from: look.from, ...mail });
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      await manager.query(MARK_ADDRESS_FAILING, [recipient.id, items.map((item) => item.id)]);
      return { state: 'failing', items };
    }
    await manager.query(RECORD_EMAIL, [newId(), recipient.id, kind, items.length, scope.upTo]);
    return { state: 'sent', items };
  }
}
