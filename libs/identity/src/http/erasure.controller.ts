import { Controller, Delete, HttpCode, ParseUUIDPipe, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param } from '@alveole/core';
import { AccountErasure } from '../erasure/account-erasure.service';
import { EraseMeDto } from './erasure.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('identity')
@ApiBearerAuth()
@Controller()
export class ErasureController {
  constructor(private readonly erasure: AccountErasure) {}

  @Delete('me')
  @HttpCode(204)
  @Policy('update', 'Me')
  @ApiOperation({
    summary: 'Erase my account (GDPR art. 17): my password again; 409 last-owner while I am the last owner',
    description:
      'Posts, comments and files are kept as "former member" or deleted, per each organisation’s contentOnErasure; ' +
      'audit rows keep the act under a pseudonym; every session and socket ends. Cannot be undone.',
  })
  @ApiNoContentResponse({ description: 'erased' })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422, 429)
  async eraseMe(@Auth() auth: AuthContext, @Body() dto: EraseMeDto, @Req() request: FastifyRequest): Promise<void> {
    await this.erasure.eraseMe(auth, dto.password, request.ip ?? null);
  }

  @Delete('organisations/:orgId/members/:userId/data')
  @HttpCode(204)
  @Policy('read', 'Organisation')
  @ApiOperation({
    summary:
      "Erase a member's data in this organisation (its owners): content per contentOnErasure, memberships, roles",
    description: 'The account stays, and so does everything of it in other organisations. Audit-logged.',
  })
  @ApiNoContentResponse({ description: 'erased' })
  @ApiProblems(401, 403, 404, 409)
  async eraseMember(
    @Auth() auth: AuthContext,
    @Param('orgId', Id) orgId: string,
    @Param('userId', Id) userId: string,
  ): Promise<void> {
    await this.erasure.eraseMember(auth, orgId, userId);
  }
}
