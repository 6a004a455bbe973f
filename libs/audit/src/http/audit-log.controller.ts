import { Controller, Get, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, mapPage, Param, Query } from '@alveole/core';
import { AuditLogService } from '../audit-log.service';
import { AuditEntryPage, AuditLogQuery, toAuditEntry } from './audit-log.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:orgId/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Policy('read', 'AuditLog')
  @ApiOperation({ summary: 'Read the audit log of what happened in my scope, newest first' })
  @ApiOkResponse({ type: AuditEntryPage })
  @ApiProblems(400, 401, 403, 404, 422)
  list(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: AuditLogQuery) {
    return this.auditLog.list(auth, orgId, query).then((page) => mapPage(page, toAuditEntry));
  }
}

@ApiTags('instance')
@ApiBearerAuth()
@Controller('instance/audit-log')
export class InstanceAuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Policy('read', 'InstanceAuditLog')
  @ApiOperation({ summary: 'Read what instance admins changed on the instance (brands), newest first' })
  @ApiOkResponse({ type: AuditEntryPage })
  @ApiProblems(400, 401, 403, 422)
  list(@Query() query: AuditLogQuery) {
    return this.auditLog.listInstance(query).then((page) => mapPage(page, toAuditEntry));
  }
}
