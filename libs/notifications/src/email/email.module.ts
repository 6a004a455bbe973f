import { Module } from '@nestjs/common';
import { StructureModule } from '@alveole/structure';
import { Digests } from './digests';
import { EmailBranding } from './email-branding';
import { EmailSender } from './email-sender';
import { MailTransport } from './mail-transport';

/** The e-mail channel: the transport, one e-mail's claim-send-record, and the digests. */
@Module({
  imports: [StructureModule],
  providers: [MailTransport, EmailSender, Digests, EmailBranding],
  exports: [EmailSender, Digests, EmailBranding],
})
export class EmailModule {}
