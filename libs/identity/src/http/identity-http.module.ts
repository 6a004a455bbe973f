import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module';
import { LocalStrategy } from '../local.strategy';
import { AuthController } from './auth.controller';

@Module({
  imports: [IdentityModule],
  controllers: [AuthController],
  providers: [LocalStrategy],
})
export class IdentityHttpModule {}
