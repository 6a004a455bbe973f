import { Injectable } from '@nestjs/common';
import { DomainEventSubscriber, OnDomainEvent, StoredEvent } from '@alveole/core';
import { ResetLinkMinter } from '@alveole/identity';
import { EmailBranding } from '../email/email-branding';
import { MailTransport } from '../email/mail-transport';
import { composePasswordResetEmail } from '../email/password-reset-email';

/**
 * Mails a requested reset link. The token is minted here (the event holds the request's id only) and
 * committed before the send; a send that throws fails the job and the retry mints a new one.
 */
@Injectable()
@OnDomainEvent('password_reset.requested', 'notifications.password_reset_email')
export class SendPasswordResetLink implements DomainEventSubscriber<'password_reset.requested'> {
  constructor(
    private readonly minter: ResetLinkMinter,
    private readonly branding: EmailBranding,
    private readonly transport: MailTransport,
  ) {}

  async handle(event: StoredEvent<'password_reset.requested'>): Promise<void> {
    const link = await this.minter.mint(event.payload.requestId);
    if (!link) return;
    const { look, defaultLocale } = await this.branding.ofInstance();
    const mail = composePasswordResetEmail({
      displayName: link.displayName,
      locale: link.locale ?? defaultLocale,
      url: link.url,
      expiresAt: link.expiresAt,
      brand: look.brand,
    });
    await this.transport.send({ to: link.to, from: look.from, ...mail });
  }
}
