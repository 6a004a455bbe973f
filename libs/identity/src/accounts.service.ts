import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '@alveole/access';
import { DomainEvents, newId } from '@alveole/core';
import { IdentityErrors } from './identity.errors';
import { IdentityEvents } from './identity.events';
import { AccountInput, prepareAccount } from './new-account';
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

  async create(_admin: AuthContext, input: AccountInput, ip: string | null): Promise<UserEntity> {
    const account = await prepareAccount(this.hasher, input);
    return this.dataSource.transaction(async (manager) => {
      const user = { id: newId(), ...account, instanceRole: null };
      if (!(await this.users.insert(user, manager)))
        throw IdentityErrors.taken(await this.users.takenField(user, manager));
      await this.events.publish(manager, IdentityEvents.securityEvent(user.id, 'account.created', ip));
      return manager.findOneByOrFail(UserEntity, { id: user.id });
    });
  }
}
