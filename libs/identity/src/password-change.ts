import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvents } from '@alveole/core';
import { IdentityEvents } from './identity.events';
import { PasswordResetsRepository } from './password-resets.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UsersRepository } from './users.repository';

/**
 * A password set through a reset: every code and link of the account is spent, and every login of it
 * ends (refresh families revoked, their sockets closed on every node), in the caller's transaction.
 */
@Injectable()
export class PasswordChange {
  constructor(
    private readonly users: UsersRepository,
    private readonly resets: PasswordResetsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly events: DomainEvents,
  ) {}

  async afterReset(manager: EntityManager, userId: string, passwordHash: string, ip: string | null): Promise<void> {
    await this.users.setPassword(userId, passwordHash, manager);
    await this.resets.spendAll(manager, userId);
    const revoked = await this.refreshTokens.revokeAllOf(userId, manager);
    await this.events.publishAll(
      manager,
      revoked.map((familyId) => IdentityEvents.sessionRevoked(userId, familyId, 'revoked')),
    );
    await this.events.publish(manager, IdentityEvents.securityEvent(userId, 'password.reset', ip));
  }
}
