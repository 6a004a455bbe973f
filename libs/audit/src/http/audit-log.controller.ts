import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { mapPage } from '@alveole/core';
import { AuditLogService } from '../audit-log.service';
import { AuditLogQuery, toAuditEntry } from './audit-log.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:orgId/audit-log')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Policy('read', 'AuditLog')
  list(@Auth() auth: AuthContext, @Param('orgId', Id) orgId: string, @Query() query: AuditLogQuery) {
    return this.auditLog.list(auth, orgId, query).then((page) => mapPage(page, toAuditEntry));
  }
}
