import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthContext } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import { UserEntity } from './user.entity';

export type NewUser = Pick<UserEntity, 'id' | 'email' | 'displayName' | 'passwordHash' | 'instanceRole'>;

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
      `SELECT id AS "userId", email, display_name AS "displayName", instance_role AS "instanceRole" FROM users WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findIdByEmail(email: string): Promise<string | undefined> {
    return (await this.users.findOne({ where: { email }, select: { id: true } }))?.id;
  }

  /** With the password hash, for credential checks only. */
  findWithPasswordByEmail(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }

  /** With the password hash, for the erasure's password check only. */
  findWithPasswordById(id: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
  }

  existsByEmail(email: string, manager?: EntityManager): Promise<boolean> {
    return (manager?.getRepository(UserEntity) ?? this.users).existsBy({ email });
  }

  /** Inserts unless the e-mail is taken; returns false on a conflict (the unique index decides races). */
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
