import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthContext } from '@alveole/access';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import { jwtKey } from './jwt-key';
import { AccessClaims } from './token.service';
import { UsersRepository } from './users.repository';

/** Verifies the bearer JWT and loads the user, so a deleted account stops working at once. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtKey(config.jwtSecret),
      algorithms: ['HS256'],
    });
  }

  async validate(claims: AccessClaims): Promise<AuthContext | false> {
    return (await this.users.findPrincipal(claims.sub)) ?? false;
  }
}
