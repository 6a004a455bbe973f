import { ValidationPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { startTestApp, TestApp } from '../support/test-app';

interface RouteArg {
  index: number;
  data?: string;
  pipes?: unknown[];
}

const VALIDATED = new Set<number>([RouteParamtypes.BODY, RouteParamtypes.QUERY, RouteParamtypes.PARAM]);

/**
 * Validation is bound to each body, query and path parameter (Body, Query, Param from @alveole/core), not
 * global: a parameter declared with Nest's own decorator would reach its handler unvalidated. This walks every
 * route of the running app and names any such parameter.
 */
describe('validated route parameters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('runs the validation pipe first on every body, query and path parameter of every route', () => {
    const unvalidated: string[] = [];
    let checked = 0;
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as { prototype: object; name: string };
        for (const method of Object.getOwnPropertyNames(controller.prototype)) {
          const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArg>;
          for (const [key, arg] of Object.entries(args)) {
            if (!VALIDATED.has(Number(key.split(':')[0]))) continue;
            checked += 1;
            if (!(arg.pipes?.[0] instanceof ValidationPipe))
              unvalidated.push(`${controller.name}.${method} argument ${arg.index}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(unvalidated).toEqual([]);
  });
});
