import { Global, Module } from '@nestjs/common';
import { ACCESS_PROFILE_LOADER } from '@alveole/access';
import { AccessProfileSql } from './access-profile.loader';

/** The access gate's profile loader, over the structure's tables (global: the gate lives in the access library). */
@Global()
@Module({
  providers: [AccessProfileSql, { provide: ACCESS_PROFILE_LOADER, useExisting: AccessProfileSql }],
  exports: [ACCESS_PROFILE_LOADER],
})
export class StructureAccessModule {}
