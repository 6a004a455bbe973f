import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthContext } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { UserEntity } from './user.entity';

export type NewUser = Pick<UserEntity, 'id' | 'email' | 'displayName' | 'passwordHash' | 'instanceRole'> &
  Partial<Pick<UserEntity, 'username'>>;

/** How a person signs in: their e-mail, or their username when they have no e-mail. */
export type SignInName = { email: string } | { username: string };

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly fastQuery: FastQuery,
  ) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * Runs on every authenticated request and socket handshake: one primary-key lookup through the
   * driver's pool, skipping TypeORM's query runner and entity hydration (measured with bench:http).
   */
  async findPrincipal(id: string): Promise<AuthContext | null> {
    const rows = await this.fastQuery.prepared<AuthContext>(
      'principal',
      `SELECT id AS "userId", email, username, display_name AS "displayName", instance_role AS "instanceRole" FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** With the password hash, for credential checks only. */
  findWithPasswordBySignInName(name: SignInName): Promise<UserEntity | null> {
    const query = this.users.createQueryBuilder('u').addSelect('u.passwordHash');
    return (
      'email' in name
        ? query.where('u.email = :email', { email: name.email })
        : query.where('u.username = :username', { username: name.username })
    ).getOne();
  }

  /** The account's id by e-mail or username (users_email_key, users_username_key). */
  async findIdBySignInName(name: SignInName, manager?: EntityManager): Promise<string | undefined> {
    const repository = manager?.getRepository(UserEntity) ?? this.users;
    return (await repository.findOne({ where: name, select: { id: true } }))?.id;
  }

  async setPassword(userId: string, passwordHash: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(UserEntity).update({ id: userId }, { passwordHash, updatedAt: () => 'now()' });
  }

  /** With the password hash, for the erasure's password check only. */
  findWithPasswordById(id: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  existsByEmail(email: string, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(UserEntity) ?? this.users).existsBy({ email });
  }

  /** After a refused insert: which unique index refused it, the e-mail's or else the username's. */
  async takenField(user: Pick<NewUser, 'email'>, manager: EntityManager): Promise<'email' | 'username'> {
    if (user.email && (await this.findIdBySignInName({ email: user.email }, manager))) return 'email';
    return 'username';
  }

  /** Inserts unless the e-mail or username is taken; false on a conflict (the unique indexes decide races). */
  async insert(user: NewUser, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(user)
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length > 0;
  }
}
