import { Module } from '@nestjs/common';
import { Digests } from './digests';
import { EmailSender } from './email-sender';
import { MailTransport } from './mail-transport';

/** The e-mail channel: the transport, one e-mail's claim-send-record, and the digests. */
@Module({
  providers: [MailTransport, EmailSender, Digests],
  exports: [EmailSender, Digests],
})
export class EmailModule {}
