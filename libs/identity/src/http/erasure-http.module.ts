import { DynamicModule, Module, Type } from '@nestjs/common';
import { AccountErasure } from '../erasure/account-erasure.service';
import { ERASURE_PARTICIPANTS, ErasureParticipant } from '../erasure/erasure-participant';
import { ErasurePseudonym } from '../erasure/erasure-pseudonym';
import { IdentityModule } from '../identity.module';
import { ErasureController } from './erasure.controller';

/**
 * DELETE /me and an owner's erasure of a member's data. The app names the participants (each
 * context's own class, depending on global providers only), in order: audit last, as it pseudonymises
 * what the others leave.
 */
@Module({})
export class ErasureHttpModule {
  static withParticipants(...participants: Type<ErasureParticipant>[]): DynamicModule {
    return {
      module: ErasureHttpModule,
      imports: [IdentityModule],
      controllers: [ErasureController],
      providers: [
        ...participants,
        { provide: ERASURE_PARTICIPANTS, useFactory: (...all: ErasureParticipant[]) => all, inject: participants },
        ErasurePseudonym,
        AccountErasure,
      ],
    };
  }
}
