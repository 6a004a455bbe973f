import { Inject, Injectable, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { PasswordResetsRepository } from './password-resets.repository';
import { ResetSecrets } from './reset-secrets';

/** A reset link is good for this long after it is mailed. */
export const RESET_LINK_TTL_MS = 30 * 60_000;

export interface ResetLinkMail {
  userId: string;
  to: string;
  displayName: string;
  /** The account's language; null: the brand's. */
  locale: string | null;
  /** `${PUBLIC_URL}/reset-password/<token>`: the only place the token ever is, besides the e-mail. */
  url: string;
  expiresAt: Date;
}

/**
 * For the notifications context's e-mail job (identity imports no notifications): mints the token of a
 * link request and commits it before the mail leaves, so the link works the moment it arrives (minted in
 * the job's transaction, a quick click could beat the commit and be refused). A retry after a failed send
 * mints again and only the newest link works. Null when there is nothing to send (spent, too old, the
 * account or its e-mail gone).
 */
@Injectable()
export class ResetLinkMinter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resets: PasswordResetsRepository,
    private readonly secrets: ResetSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mint(requestId: string): Promise<ResetLinkMail | null> {
    const token = this.secrets.newToken();
    const expiresAt = new Date(Date.now() + RESET_LINK_TTL_MS);
    const user = await this.dataSource.transaction(async (manager) => {
      const minted = await this.resets.mintLink(manager, requestId, this.secrets.hash(token), expiresAt);
      const addressee = minted && (await this.resets.addresseeOf(manager, minted.userId));
      return addressee && { userId: minted.userId, ...addressee };
    });
    if (!user?.email) return null;
    const url = `${this.config.publicUrl.replace(/\/+$/, '')}/reset-password/${token}`;
    return {
      userId: user.userId,
      to: user.email,
      displayName: user.displayName,
      locale: user.locale,
      url,
      expiresAt,
    };
  }
}

/** What the notifications jobs import to mail reset links: no controller, no session machinery. */
@Module({ providers: [PasswordResetsRepository, ResetSecrets, ResetLinkMinter], exports: [ResetLinkMinter] })
export class ResetLinkMinterModule {}
