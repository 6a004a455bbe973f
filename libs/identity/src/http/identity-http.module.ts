import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { LocalStrategy } from '../local.strategy';
import { AuthController } from './auth.controller';
import { ProfileController } from './profile.controller';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController, ProfileController],
  providers: [LocalStrategy],
})
export class IdentityHttpModule {}
