import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { LocalStrategy } from '../local.strategy';
import { PrivacyOverview } from '../privacy-overview';
import { AccountsController } from './accounts.controller';
import { AuthController } from './auth.controller';
import { PasswordResetController } from './password-reset.controller';
import { PrivacyController } from './privacy.controller';
import { ProfileController } from './profile.controller';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController, PasswordResetController, ProfileController, AccountsController, PrivacyController],
  providers: [LocalStrategy, PrivacyOverview],
})
export class IdentityHttpModule {}
