import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@alveole/core';

export interface OutgoingMail {
  to: string;
  /** The brand's sender; MAIL_FROM when absent. */
  from?: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * Nodemailer on SMTP_URL; without it, each message is written as `<DATA_DIR>/mail/<message id>.eml`
 * (a self-hosted instance with no mail server yet still shows what it would have sent).
 * A send that throws is retried by the job; `isPermanentFailure` tells a refused address from that.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport(config.smtpUrl)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transport.sendMail({ ...mail, from: mail.from ?? this.config.mailFrom });
    if (this.config.smtpUrl) return;
    const directory = join(this.config.dataDir, 'mail');
    await mkdir(directory, { recursive: true });
    const name = String(info.messageId).replace(/[^A-Za-z0-9@._-]/g, '');
    await writeFile(join(directory, `${name}.eml`), (info as unknown as { message: Buffer }).message);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** The server refused for good (5xx, e.g. 550 on RCPT: no such mailbox): retrying would not help. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500;
}
