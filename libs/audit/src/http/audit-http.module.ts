import { Module } from '@nestjs/common';
import { AuditLogRepository } from '../audit-log.repository';
import { AuditLogService } from '../audit-log.service';
import { AuditLogController, InstanceAuditLogController } from './audit-log.controller';

@Module({
  providers: [AuditLogRepository, AuditLogService],
  controllers: [AuditLogController, InstanceAuditLogController],
})
export class AuditHttpModule {}
