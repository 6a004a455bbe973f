import { Inject, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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
 * link request, in the job's transaction, so a send that fails rolls the token back and the retry mints
 * another. Null when there is nothing to send (already sent, too old, the account or its e-mail gone).
 */
@Injectable()
export class ResetLinkMinter {
  constructor(
    private readonly resets: PasswordResetsRepository,
    private readonly secrets: ResetSecrets,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mint(manager: EntityManager, requestId: string): Promise<ResetLinkMail | null> {
    const token = this.secrets.newToken();
    const expiresAt = new Date(Date.now() + RESET_LINK_TTL_MS);
    const minted = await this.resets.mintLink(manager, requestId, this.secrets.hash(token), expiresAt);
    if (!minted) return null;
    const user = await this.resets.addresseeOf(manager, minted.userId);
    if (!user?.email) return null;
    const url = `${this.config.publicUrl.replace(/\/+$/, '')}/reset-password/${token}`;
    return {
      userId: minted.userId,
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
