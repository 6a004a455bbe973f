import { Module } from '@nestjs/common';
import { AuditWriter } from '../audit.writer';
import { RoleExpiringHandler } from './role-expiring.handler';

@Module({ providers: [AuditWriter, RoleExpiringHandler] })
export class StructureJobsModule {}
