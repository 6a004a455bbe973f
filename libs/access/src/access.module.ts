import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AbilityFactory } from './ability.factory';
import { AccessGate } from './access-gate';
import { ACCESS_RULES, AccessRules } from './access-rules';
import { PolicyGuard } from './policy.guard';

/**
 * The global PolicyGuard, the ability factory and the gate, with the rules each context contributes
 * (in this order: later rules may restrict earlier ones). The gate needs an ACCESS_PROFILE_LOADER,
 * which the structure context provides.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(rules: AccessRules[]): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        { provide: ACCESS_RULES, useValue: rules },
        AbilityFactory,
        AccessGate,
        { provide: APP_GUARD, useClass: PolicyGuard },
      ],
      exports: [AbilityFactory, AccessGate],
    };
  }

  /** The gate alone, for a process that serves no routes (the worker's subscribers ask it too). */
  static forSubscribers(rules: AccessRules[]): DynamicModule {
    return {
      module: AccessModule,
      providers: [{ provide: ACCESS_RULES, useValue: rules }, AbilityFactory, AccessGate],
      exports: [AbilityFactory, AccessGate],
    };
  }
}
