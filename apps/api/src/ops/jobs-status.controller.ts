import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Policy } from '@alveole/access';
import { OutboxStatus, OutboxSummary } from '@alveole/core';

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
  summary(): Promise<OutboxSummary> {
    return this.outbox.summary();
  }
}
