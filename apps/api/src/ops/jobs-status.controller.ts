import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Policy } from '@alveole/access';
import { ApiProblems, OutboxStatus } from '@alveole/core';
import { JobsSummaryResponse } from './ops.responses';

declare module '@alveole/access' {
  /** The background work: instance admins see it (their `manage all`). */
  interface AccessSubjects {
    Jobs: never;
  }
}

@ApiTags('instance')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsStatusController {
  constructor(private readonly outbox: OutboxStatus) {}

  /** Background jobs not yet handed over, and the ones failing, for instance admins. */
  @Get()
  @Policy('read', 'Jobs')
  @ApiOperation({ summary: 'Background jobs waiting to be queued, and the failing ones (instance admins)' })
  @ApiOkResponse({ type: JobsSummaryResponse })
  @ApiProblems(401, 403)
  summary(): Promise<JobsSummaryResponse> {
    return this.outbox.summary();
  }
}
