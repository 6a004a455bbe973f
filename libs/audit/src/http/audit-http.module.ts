import { Module } from '@nestjs/common';
import { AuditLogRepository } from '../audit-log.repository';
import { AuditLogService } from '../audit-log.service';
import { AuditLogController } from './audit-log.controller';

@Module({ providers: [AuditLogRepository, AuditLogService], controllers: [AuditLogController] })
export class AuditHttpModule {}
