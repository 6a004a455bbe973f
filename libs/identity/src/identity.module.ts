import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { AccountsService } from './accounts.service';
import { AuthService } from './auth.service';
import { jwtKey } from './jwt-key';
import { AccessTokenVerifier } from './access-token-verifier';
import { PRINCIPAL_RESOLVER } from '@alveole/access';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { TokenService } from './token.service';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';
import { UserDirectory } from './user-directory';
import { ProfileService } from './profile.service';
import { AdminBootstrap } from './admin-bootstrap';
import { PasswordChange } from './password-change';
import { PasswordResetsRepository } from './password-resets.repository';
import { ResetCodesService } from './reset-codes.service';
import { ResetLimiter } from './reset-limiter';
import { ResetLinksService } from './reset-links.service';
import { ResetSecrets } from './reset-secrets';

/** Global so that the access library's PolicyGuard finds the PRINCIPAL_RESOLVER it needs. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config.jwtSecret),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    UsersRepository,
    RefreshTokensRepository,
    PasswordHasher,
    LoginLimiter,
    TokenService,
    AuthService,
    AccountsService,
    AccessTokenVerifier,
    UserDirectory,
    ProfileService,
    PasswordResetsRepository,
    ResetSecrets,
    ResetLimiter,
    PasswordChange,
    ResetCodesService,
    ResetLinksService,
    // the first instance admin from ADMIN_EMAIL / ADMIN_PASSWORD, in the process that serves HTTP
    AdminBootstrap,
    { provide: PRINCIPAL_RESOLVER, useExisting: AccessTokenVerifier },
  ],
  exports: [
    AccountsService,
    ResetCodesService,
    ResetLinksService,
    UserDirectory,
    ProfileService,
    AuthService,
    TokenService,
    PasswordHasher,
    LoginLimiter,
    UsersRepository,
    AccessTokenVerifier,
    PRINCIPAL_RESOLVER,
  ],
})
export class IdentityModule {}
