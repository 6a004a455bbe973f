import { Global, Module } from '@nestjs/common';
import { AuditWriter } from './audit.writer';

/** The audit writer, for every context to record what it changes in its own transaction. */
@Global()
@Module({ providers: [AuditWriter], exports: [AuditWriter] })
export class AuditModule {}
