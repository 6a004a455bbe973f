import { INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { POLICY, PUBLIC } from '@alveole/access';

export interface RegisteredRoute {
  controller: string;
  handler: string;
  method: string;
  path: string;
  policy: unknown;
  isPublic: boolean;
  /** The status of `@HttpCode()`, when the handler sets one (else Nest answers 201 to POST, 200 otherwise). */
  httpCode: number | undefined;
  /** Its parameters' decorators (`RouteParamtypes` or a custom decorator's key) with the pipes bound to each. */
  args: RouteArg[];
}

export interface RouteArg {
  type: string;
  index: number;
  pipes: unknown[];
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

/** Every HTTP route the app registered, with the access rule attached to it. */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const reflector = app.get(Reflector);
  const routes: RegisteredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const targets = [handler as () => unknown, type];
        routes.push({
          controller: type.name,
          handler: name,
          method: METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? '?',
          path: `/${[base, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'),
          policy: reflector.getAllAndOverride(POLICY, targets),
          isPublic: Boolean(reflector.getAllAndOverride(PUBLIC, targets)),
          httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
          args: routeArgs(type, name),
        });
      }
    }
  }
  return routes;
}

function routeArgs(type: object, handler: string): RouteArg[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, handler) ?? {}) as Record<
    string,
    { index: number; pipes?: unknown[] }
  >;
  // keyed `<type>:<index>`
  return Object.entries(args).map(([key, arg]) => ({
    type: key.slice(0, key.lastIndexOf(':')),
    index: arg.index,
    pipes: arg.pipes ?? [],
  }));
}
