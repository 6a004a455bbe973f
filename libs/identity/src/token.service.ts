import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, newId } from '@alveole/core';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface AccessClaims {
  sub: string;
  /**
   * The session: the refresh family the token was issued with (one per login). Sockets join its room,
   * so that signing out one device ends that device's sockets only. Absent from tokens issued before it existed.
   */
  sid?: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Short-lived access JWTs and opaque, rotating refresh tokens grouped in families. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Issues a pair; `familyId` continues a rotation, absent it starts a new family (a login). */
  async issue(userId: string, manager: EntityManager, familyId: string = newId()): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(
      {
        id: newId(),
        userId,
        familyId,
        tokenHash: hashToken(refreshToken),
        expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
      },
      manager,
    );
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: familyId } satisfies AccessClaims, {
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    return { accessToken, refreshToken };
  }
}
