import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ACCESS_PROFILE_LOADER,
  AccessGate,
  AccessProfileLoader,
  AuthContext,
  organisationSubject,
} from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { DomainEvents } from '@alveole/core';
import { IdentityErrors } from '../identity.errors';
import { IdentityEvents } from '../identity.events';
import { LoginLimiter } from '../login-limiter';
import { PasswordHasher } from '../password-hasher';
import { UsersRepository } from '../users.repository';
import { ERASURE_PARTICIPANTS, ErasureParticipant, ErasurePolicy } from './erasure-participant';
import { ErasurePseudonym } from './erasure-pseudonym';

/**
 * Erasure (GDPR art. 17) as one transaction across contexts: every participant erases what its
 * context holds about the person, then the account goes and `user.deleted` ends every session and
 * socket. A participant that throws (the last owner of an organisation) refuses all of it.
 */
@Injectable()
export class AccountErasure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly pseudonyms: ErasurePseudonym,
    private readonly events: DomainEvents,
    private readonly audit: AuditWriter,
    private readonly gate: AccessGate,
    @Inject(ACCESS_PROFILE_LOADER) private readonly organisations: Pick<AccessProfileLoader, 'organisationExists'>,
    @Inject(ERASURE_PARTICIPANTS) private readonly participants: ErasureParticipant[],
  ) {}

  /** DELETE /me: the password again (an access token alone is not enough to lose everything). */
  async eraseMe(auth: AuthContext, password: string, ip: string | null): Promise<void> {
    const user = await this.users.findWithPasswordById(auth.userId);
    if (!user) throw IdentityErrors.wrongPassword();
    // counted like logins, under a key of its own: a stolen access token cannot guess the password
    const attempt = await this.limiter.begin(`erasure\n${user.id}`, ip);
    if (!(await this.hasher.verify(user.passwordHash, password))) throw IdentityErrors.wrongPassword();
    await this.limiter.succeeded(attempt);
    const policy = this.policyFor(user.id, [user.email, user.username, user.displayName]);
    await this.dataSource.transaction(async (manager) => {
      for (const participant of this.participants) await participant.erase(manager, user.id, {}, policy);
      await manager.query(`DELETE FROM users WHERE id = $1`, [user.id]);
      await this.events.publish(manager, IdentityEvents.userDeleted(user.id));
    });
    // the login limiter's keys for this address from this IP (those from other IPs expire with their window)
    if (user.email) await this.limiter.forget(user.email, ip);
  }

  /** An owner erases a member's data in their organisation: content there (per its setting), memberships, roles. */
  async eraseMember(auth: AuthContext, organisationId: string, userId: string): Promise<void> {
    const access = await this.gate.of(auth);
    const exists = await this.organisations.organisationExists(organisationId);
    this.gate.visible(access, exists ? organisationId : null, organisationSubject, 'Organisation');
    this.gate.assert(access, 'update', organisationSubject(organisationId));
    const user = await this.users.findById(userId);
    if (!user) throw IdentityErrors.memberNotFound();
    const policy = this.policyFor(user.id, [user.email, user.username, user.displayName]);
    await this.dataSource.transaction(async (manager) => {
      for (const participant of this.participants)
        await participant.erase(manager, user.id, { organisationId }, policy);
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'member.data_erased',
        targetType: 'user',
        targetId: user.id,
        spherePath: null,
      });
    });
  }

  private policyFor(userId: string, identifying: (string | null)[]): ErasurePolicy {
    return { ...this.pseudonyms.of(userId), identifying: identifying.filter((v): v is string => !!v) };
  }
}
