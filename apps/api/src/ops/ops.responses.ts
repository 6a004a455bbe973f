import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ProblemResponse } from '@alveole/core';

/** `{ database: { status: "up" }, redis: { status: "down", message } }`: one entry per dependency. */
const CHECK: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['up', 'down'] } },
  additionalProperties: true,
};
const CHECKS = { type: 'object', additionalProperties: CHECK } as const;

export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ ...CHECKS, description: 'the dependencies that are up' }) info: Record<string, unknown>;
  @ApiProperty({ ...CHECKS, description: 'the ones that are down (none on a 200)' }) error: Record<string, unknown>;
  @ApiProperty({ ...CHECKS, description: 'every dependency checked' }) details: Record<string, unknown>;
}

@ApiExtraModels(ProblemResponse)
export class ReadinessProblemResponse extends ProblemResponse {
  @ApiProperty({ ...CHECKS, description: 'every dependency checked, the failing ones `down`' })
  checks: Record<string, unknown>;
}

export class FailingJobResponse {
  @ApiProperty({ description: 'the outbox row id' }) id: string;
  @ApiProperty({ example: 'post.mentioned' }) jobName: string;
  @ApiProperty() attempts: number;
  @ApiProperty() lastError: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: given up' }) nextAttemptAt: string | null;
}

export class JobsSummaryResponse {
  @ApiProperty({ description: 'outbox rows not handed to the queues yet' }) pending: number;
  @ApiProperty({ type: [FailingJobResponse], description: 'newest first' }) failing: FailingJobResponse[];
}
