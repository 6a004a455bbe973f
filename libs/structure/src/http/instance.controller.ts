import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@alveole/access';
import { ApiProblems } from '@alveole/core';
import { InstanceService } from '../instance.service';
import { InstanceBrandResponse } from './structure.responses';

@ApiTags('instance')
@Controller('instance')
export class InstanceController {
  constructor(private readonly instance: InstanceService) {}

  /** Public: the sign-in page needs the brand before anyone is signed in. 304 when the ETag matches. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Get the white-label brand of the instance (public, with an ETag)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'the ETag of a copy you hold' })
  @ApiOkResponse({
    type: InstanceBrandResponse,
    headers: { ETag: { description: 'strong validator of the brand', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'your copy (If-None-Match) is current' })
  @ApiProblems()
  async brand(
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceBrandResponse | undefined> {
    const { brand, etag } = await this.instance.brand();
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag)) {
      reply.status(304);
      return undefined;
    }
    return brand;
  }
}
