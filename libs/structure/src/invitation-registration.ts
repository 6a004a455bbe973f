import { Global, HttpStatus, Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppException } from '@alveole/core';
import { REGISTRATION_EXTENSION, RegistrationExtension, RegistrationInput } from '@alveole/identity';
import { BrandCatalog } from './brand/brand-catalog';
import { InvitationsService } from './invitations.service';
import { StructureModule } from './structure.module';

/**
 * The brand's registration policy (open, invitation_only, closed), then the invitation code: the new
 * account joins the sphere, or is not created at all.
 */
@Injectable()
export class InvitationRegistration implements RegistrationExtension {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly brands: BrandCatalog,
  ) {}

  async admit(input: RegistrationInput): Promise<void> {
    const { registration } = (await this.brands.forHost(input.host)).settings;
    if (registration === 'closed') {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'registration-closed',
        'Accounts on this site are created by its administrators',
      );
    }
    if (registration === 'invitation_only' && !input.invitationCode) {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'registration-invitation-only',
        'An invitation code is needed to create an account on this site',
      );
    }
  }

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
