import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainEvents } from '@alveole/core';
import { normaliseEmail } from './email';
import { IdentityErrors } from './identity.errors';
import { IdentityEvents } from './identity.events';
import { PasswordChange } from './password-change';
import { PasswordHasher } from './password-hasher';
import { PasswordResetsRepository } from './password-resets.repository';
import { ResetLimiter } from './reset-limiter';
import { ResetSecrets } from './reset-secrets';
import { UsersRepository } from './users.repository';

/**
 * Password reset by a link sent to the account's e-mail. Asking answers the same whether the address
 * has an account or not; the token is minted and mailed by the notifications context (ResetLinkMinter),
 * so the request, its event and its job never hold it.
 */
@Injectable()
export class ResetLinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly secrets: ResetSecrets,
    private readonly limiter: ResetLimiter,
    private readonly hasher: PasswordHasher,
    private readonly change: PasswordChange,
    private readonly events: DomainEvents,
  ) {}

  async request(rawEmail: string, ip: string | null): Promise<void> {
    await this.limiter.linkRequestFromIp(ip);
    const email = normaliseEmail(rawEmail);
    if (!(await this.limiter.linkRequestForAddress(email))) return;
    const userId = await this.users.findIdBySignInName({ email });
    if (!userId) return;
    await this.dataSource.transaction(async (manager) => {
      const requestId = await this.resets.insertLinkRequest(manager, userId);
      await this.events.publish(manager, IdentityEvents.passwordResetRequested(requestId));
    });
  }

  /** Unknown, used or expired token: one answer (400 invalid-reset-token). */
  async confirm(token: string, newPassword: string, ip: string | null): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    const done = await this.dataSource.transaction(async (manager) => {
      const link = await this.resets.spendLink(manager, this.secrets.hash(token));
      if (!link) return false;
      await this.change.afterReset(manager, link.userId, passwordHash, ip);
      return true;
    });
    if (!done) throw IdentityErrors.invalidResetToken();
  }
}
