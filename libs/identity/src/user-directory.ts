import { Injectable } from '@nestjs/common';
import type { AuthContext } from '@alveole/access';
import { normaliseEmail } from './email';
import { UsersRepository } from './users.repository';

/** What other contexts may ask about accounts; they never query the users table themselves. */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UsersRepository) {}

  async exists(userId: string): Promise<boolean> {
    return (await this.users.findById(userId)) !== null;
  }

  /** The account as a caller (id, e-mail, name, instance role), e.g. to act on someone's behalf in a script. */
  principal(userId: string): Promise<AuthContext | null> {
    return this.users.findPrincipal(userId);
  }

  async idByEmail(email: string): Promise<string | null> {
    return (await this.users.findIdBySignInName({ email: normaliseEmail(email) })) ?? null;
  }
}
