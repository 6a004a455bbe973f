import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, AppException, DomainEvents, newId } from '@alveole/core';
import { normaliseSignInName } from './sign-in-name';
import { IdentityErrors } from './identity.errors';
import { prepareAccount } from './new-account';
import { IdentityEvents, SecurityEventKind } from './identity.events';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { REGISTRATION_EXTENSION, RegistrationExtension, RegistrationInput } from './registration-extension';
import { hashToken, TokenPair, TokenService } from './token.service';
import { RefreshTokenEntity } from './refresh-token.entity';
import { UserEntity } from './user.entity';
import { SignInName, UsersRepository } from './users.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface Registration extends RegistrationInput {
  /** Optional: without it, a username and an invitation code are required (someone in a sphere vouches). */
  email?: string;
  username?: string;
  password: string;
  displayName: string;
}

export interface Session extends TokenPair {
  user: UserEntity;
}

/**
 * Unused successors a rotated token may have within the grace period: a lost answer or two tabs need
 * two or three; presenting it more often than that looks like a replayed token, so the login is revoked.
 */
const MAX_UNUSED_SUCCESSORS = 3;

/** Register, login, refresh (rotation with reuse detection) and logout. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(REGISTRATION_EXTENSION) private readonly extension?: RegistrationExtension,
  ) {}

  async register(input: Registration, ip: string | null): Promise<Session> {
    if (!input.email && (!input.username || !input.invitationCode)) {
      throw AppException.validation([
        { field: 'email', message: 'without an email, give a username and an invitationCode' },
      ]);
    }
    await this.extension?.admit?.({ invitationCode: input.invitationCode, host: input.host });
    const account = await prepareAccount(this.hasher, input);
    return this.dataSource.transaction(async (manager) => {
      const user = { id: newId(), ...account, instanceRole: null };
      if (!(await this.users.insert(user, manager)))
        throw IdentityErrors.taken(await this.users.takenField(user, manager));
      await this.extension?.afterRegistration(manager, user.id, { invitationCode: input.invitationCode });
      await this.securityEvent(manager, user.id, 'account.created', ip);
      const pair = await this.tokens.issue(user.id, manager);
      const created = await manager.findOneByOrFail(UserEntity, { id: user.id });
      return { user: created, ...pair };
    });
  }

  /** With an e-mail or a username: the same limiter, the same work and the same 401 for an unknown name. */
  async login(name: SignInName, password: string, ip: string | null): Promise<Session> {
    const normalised = normaliseSignInName(name);
    // a username has no '@', so the two kinds of keys never meet
    const attempt = await this.limiter.begin('email' in normalised ? normalised.email : normalised.username, ip);
    const user = await this.users.findWithPasswordBySignInName(normalised);
    // one argon2 verification whether the account exists or not (a decoy hash otherwise): same timing
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      if (user && this.limiter.locksOut(attempt)) {
        await this.dataSource.transaction((manager) => this.securityEvent(manager, user.id, 'login.locked', ip));
      }
      throw IdentityErrors.invalidCredentials();
    }
    await this.limiter.succeeded(attempt);
    // a hash made under weaker settings (an older baseline) is replaced while the password is at hand;
    // hashed before the transaction, so no connection is held through the argon2 work
    const rehashed = this.hasher.isWeaker(user.passwordHash) ? await this.hasher.hash(password) : null;
    const pair = await this.dataSource.transaction(async (manager) => {
      if (rehashed) await this.users.setPassword(user.id, rehashed, manager);
      return this.tokens.issue(user.id, manager);
    });
    const { passwordHash: _secret, ...visible } = user;
    return { user: visible as UserEntity, ...pair };
  }

  async refresh(refreshToken: string, ip: string | null): Promise<TokenPair> {
    // The reuse branch commits the revocation and only then refuses, hence the result object.
    const outcome = await this.dataSource.transaction(async (manager) => {
      const token = await this.refreshTokens.findByHashLockingFamily(hashToken(refreshToken), manager);
      if (!token || token.revokedAt || token.expiresAt.getTime() <= Date.now()) return { refused: 'invalid' as const };
      if (token.usedAt && !(await this.withinReuseGrace(token, manager))) {
        await this.refreshTokens.revokeFamily(token.familyId, manager);
        await this.securityEvent(manager, token.userId, 'refresh-token.reused', ip);
        await this.events.publish(manager, IdentityEvents.sessionRevoked(token.userId, token.familyId, 'revoked'));
        return { refused: 'reused' as const };
      }
      if (!token.usedAt) await this.refreshTokens.markUsed(token.id, manager);
      return { refused: null, pair: await this.tokens.issue(token.userId, manager, token.familyId) };
    });
    if (outcome.refused === null) return outcome.pair;
    throw outcome.refused === 'reused' ? IdentityErrors.refreshTokenReused() : IdentityErrors.invalidRefreshToken();
  }

  /** Ends the login the token belongs to (its whole family, and its sockets); unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const token = await this.refreshTokens.findByHashLockingFamily(hashToken(refreshToken), manager);
      if (!token) return;
      await this.refreshTokens.revokeFamily(token.familyId, manager);
      await this.events.publish(manager, IdentityEvents.sessionRevoked(token.userId, token.familyId, 'logout'));
    });
  }

  /**
   * A rotated token presented again within the grace period, its successors all unused: an answer lost
   * (a tab reloaded mid-refresh) or read by another tab than the one now asking. Either way it gets one
   * more successor, a sibling branch of the login, and the tab holding the first one stays signed in.
   */
  private async withinReuseGrace(token: RefreshTokenEntity, manager: EntityManager): Promise<boolean> {
    const usedAt = token.usedAt?.getTime() ?? 0;
    if (Date.now() - usedAt > this.config.refreshReuseGraceSeconds * 1000) return false;
    return this.refreshTokens.mayBranchAgain(token, MAX_UNUSED_SUCCESSORS, manager);
  }

  private async securityEvent(
    manager: EntityManager,
    userId: string,
    kind: SecurityEventKind,
    ip: string | null,
  ): Promise<void> {
    await this.events.publish(manager, IdentityEvents.securityEvent(userId, kind, ip));
  }
}
