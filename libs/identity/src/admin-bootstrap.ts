import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, newId } from '@alveole/core';
import { normaliseEmail } from './email';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/**
 * The first instance admin comes from ADMIN_EMAIL / ADMIN_PASSWORD. An existing account with that
 * e-mail is promoted but its password is left alone (the variable is only a first-start seed).
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.admin) return;
    const email = normaliseEmail(this.config.admin.email);
    const passwordHash = await this.hasher.hash(this.config.admin.password);
    await this.dataSource.transaction(async (manager) => {
      const id = newId();
      const created = await this.users.insert(
        { id, email, displayName: 'Administrator', passwordHash, instanceRole: 'instance_admin' },
        manager,
      );
      if (!created) await manager.update(UserEntity, { email }, { instanceRole: 'instance_admin' });
      // the id, never the address: logs hold no personal data
      if (created) this.logger.log(`instance admin ${id} created from ADMIN_EMAIL`);
    });
  }
}
