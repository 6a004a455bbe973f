import { Global, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { REGISTRATION_EXTENSION, RegistrationExtension, RegistrationInput } from '@alveole/identity';
import { InvitationsService } from './invitations.service';
import { StructureModule } from './structure.module';

/** Registration with an invitation code: the new account joins the sphere, or is not created at all. */
@Injectable()
export class InvitationRegistration implements RegistrationExtension {
  constructor(private readonly invitations: InvitationsService) {}

  async afterRegistration(manager: EntityManager, userId: string, input: RegistrationInput): Promise<void> {
    if (input.invitationCode) await this.invitations.acceptIn(manager, userId, input.invitationCode);
  }
}

/**
 * Global because the identity module (global, imported first) resolves REGISTRATION_EXTENSION
 * without importing this context: imports keep going one way, structure → identity.
 */
@Global()
@Module({
  imports: [StructureModule],
  providers: [InvitationRegistration, { provide: REGISTRATION_EXTENSION, useExisting: InvitationRegistration }],
  exports: [REGISTRATION_EXTENSION],
})
export class InvitationRegistrationModule {}
