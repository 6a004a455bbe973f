import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export class FieldErrorResponse {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

export class ProblemHolderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class ContrastFailureResponse {
  @ApiProperty({
    type: [String],
    example: ['text', 'background'],
    description: 'the colour drawn, on the colour under it',
  })
  pair: string[];
  @ApiProperty({ example: 3.12, description: 'the measured ratio, rounded down' }) ratio: number;
  @ApiProperty({ example: 4.5 }) required: number;
}

/** RFC 9457 problem details: the body of every error. */
@ApiExtraModels(FieldErrorResponse, ProblemHolderResponse, ContrastFailureResponse)
export class ProblemResponse {
  @ApiProperty({ description: 'stable slug a client may branch on (see the error types)', example: 'not-found' })
  type: string;
  @ApiProperty({ example: 'Not Found' }) title: string;
  @ApiProperty({ example: 404 }) status: number;
  @ApiProperty({ description: 'for people', example: 'Sphere not found' }) detail: string;
  @ApiPropertyOptional({ description: 'the request path', example: '/api/v1/spheres/0190…' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'validation-failed: one entry per field' })
  errors?: FieldErrorResponse[];
  @ApiPropertyOptional({ type: ProblemHolderResponse, description: 'case-claimed: the moderator who holds the case' })
  holder?: ProblemHolderResponse;
  @ApiPropertyOptional({
    type: [ContrastFailureResponse],
    description: 'validation-failed on brand colours: each pair under WCAG AA contrast',
  })
  contrast?: ContrastFailureResponse[];
}

/** What each error status means on any route; a route's own summary says which types it raises. */
const MEANINGS: Record<number, string> = {
  400: 'malformed-request (unparsable body) or invalid-cursor',
  401: 'unauthenticated: missing, invalid or expired access token',
  403: 'forbidden: authenticated but not allowed (or a more precise type)',
  404: 'not-found: unknown, or not visible to you',
  409: 'conflict with the current state (see the type)',
  410: 'gone',
  413: 'payload-too-large',
  415: 'unsupported-media-type: send application/json',
  422: 'validation-failed: fields listed in `errors`',
  429: 'rate-limited (with retry-after)',
  500: 'internal-error: logged with the request id, no details',
  503: 'service-unavailable',
};

/**
 * Declares the error answers of a route, all as the one problem+json schema. 400, 422 and 500 are
 * always declared: the input checks before routing (malformed URL or JSON, a NUL in any string)
 * apply to every route, and any route may fail unexpectedly.
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  // any route may refuse a malformed request (400) or a NUL in any string, path and query included (422)
  const all = [...new Set([...statuses, 400, 422, 500])].sort();
  return applyDecorators(
    ApiExtraModels(ProblemResponse),
    ...all.map((status) =>
      ApiResponse({
        status,
        description: MEANINGS[status] ?? 'problem',
        content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponse) } } },
      }),
    ),
  );
}
