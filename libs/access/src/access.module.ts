import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { PolicyGuard } from './policy.guard';

/** Registers the global PolicyGuard; the `jwt` passport strategy comes from the identity context. */
@Global()
@Module({
  providers: [AbilityFactory, { provide: APP_GUARD, useClass: PolicyGuard }],
  exports: [AbilityFactory],
})
export class AccessModule {}
