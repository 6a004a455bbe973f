import { Module } from '@nestjs/common';
import { BrandsModule } from '@alveole/structure';
import { Digests } from './digests';
import { EmailBranding } from './email-branding';
import { EmailSender } from './email-sender';
import { MailTransport } from './mail-transport';

/** The e-mail channel: the transport, one e-mail's claim-send-record, and the digests. */
@Module({
  imports: [BrandsModule],
  providers: [MailTransport, EmailSender, Digests, EmailBranding],
  exports: [EmailSender, Digests, EmailBranding, MailTransport],
})
export class EmailModule {}
