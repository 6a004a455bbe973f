import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@alveole/access';
import { InstanceBrand, InstanceService } from '../instance.service';

@ApiTags('instance')
@Controller('instance')
export class InstanceController {
  constructor(private readonly instance: InstanceService) {}

  /** Public: the sign-in page needs the brand before anyone is signed in. 304 when the ETag matches. */
  @Public()
  @Get()
  async brand(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceBrand | undefined> {
    const { brand, etag } = await this.instance.brand();
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
      reply.status(304);
      return undefined;
    }
    return brand;
  }
}
