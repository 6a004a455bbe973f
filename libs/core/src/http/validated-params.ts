// eslint-disable-next-line no-restricted-imports -- the wrappers over Nest's own
import { Body as NestBody, Param as NestParam, PipeTransform, Query as NestQuery, Type } from '@nestjs/common';
import { createValidationPipe } from './validation.pipe';

type Pipe = Type<PipeTransform> | PipeTransform;

let shared: PipeTransform | undefined;

/** One validation pipe for every parameter of every route (it keeps per-DTO caches). */
function validation(): PipeTransform {
  return (shared ??= createValidationPipe());
}

/*
 * Body, query and path parameters, validated by the validation pipe bound to each of them (then by the
 * pipes given, as Nest's own decorators take them). Bound here rather than as a global pipe: Nest runs
 * global pipes on every parameter a pipe may read, custom ones such as @Auth() included, through a chain
 * of async calls, for a pipe that hands those back untouched: ~5 µs of a `GET /me` (bench:http, alternated
 * builds). Controllers import these three from here; ESLint refuses Nest's own (eslint.config.mjs).
 */

/** The request body (or one of its properties), validated against its DTO: 422 per field. */
export function Body(property?: string, ...pipes: Pipe[]): ParameterDecorator {
  return NestBody(property as string, validation(), ...pipes);
}

/** The query string (or one of its parameters), validated against its DTO: 422 per field. */
export function Query(property?: string, ...pipes: Pipe[]): ParameterDecorator {
  return NestQuery(property as string, validation(), ...pipes);
}

/** The path parameters (or one of them), converted and validated as the query's are. */
export function Param(property?: string, ...pipes: Pipe[]): ParameterDecorator {
  return NestParam(property as string, validation(), ...pipes);
}
