import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuthContext } from '@alveole/access';
import { AccessClaims, UsersRepository } from '@alveole/identity';

/** Same rule as HTTP: a valid access JWT of an existing user. */
@Injectable()
export class SocketAuthenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async authenticate(token: unknown): Promise<AuthContext | null> {
    if (typeof token !== 'string' || token.length === 0) return null;
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
      return await this.users.findPrincipal(claims.sub);
    } catch {
      return null;
    }
  }
}
