import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '@alveole/access';
import { DomainEvents, newId } from '@alveole/core';
import { IdentityErrors } from './identity.errors';
import { IdentityEvents } from './identity.events';
import { prepareAccount } from './new-account';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * Accounts made by instance admins, for brands whose registration is closed: the person signs in with
 * the password the admin gave them (and changes it). No session is issued to the admin.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly events: DomainEvents,
  ) {}

  async create(
    _admin: AuthContext,
    input: { email: string; displayName: string; password: string },
    ip: string | null,
  ): Promise<UserEntity> {
    const { email, displayName, passwordHash } = await prepareAccount(this.hasher, input);
    return this.dataSource.transaction(async (manager) => {
      const user = { id: newId(), email, displayName, passwordHash, instanceRole: null };
      if (!(await this.users.insert(user, manager))) throw IdentityErrors.emailTaken();
      await this.events.publish(manager, IdentityEvents.securityEvent(user.id, 'account.created', ip));
      return manager.findOneByOrFail(UserEntity, { id: user.id });
    });
  }
}
