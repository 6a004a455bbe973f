import { Controller, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body } from '@alveole/core';
import { AccountsService } from '../accounts.service';
import { CreateAccountDto, UserResponse } from './auth.dto';
import { toUserResponse } from './user.mapper';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('users')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @Policy('create', 'Account')
  @ApiOperation({
    summary: 'Create an account for someone (instance admins; how people join when registration is closed)',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422)
  create(@Auth() auth: AuthContext, @Body() dto: CreateAccountDto, @Req() request: FastifyRequest) {
    return this.accounts.create(auth, dto, request.ip ?? null).then(toUserResponse);
  }
}
