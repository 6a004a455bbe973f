import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@alveole/access';
import { ApiProblems, AppException, Body } from '@alveole/core';
import { ResetCodesService } from '../reset-codes.service';
import { ResetLinksService } from '../reset-links.service';
import { ResetLinkConfirmDto, ResetLinkRequestDto, ResetLinkRequestedResponse, ResetWithCodeDto } from './auth.dto';

@ApiTags('identity')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(
    private readonly codes: ResetCodesService,
    private readonly links: ResetLinksService,
  ) {}

  @Public()
  @Post()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the one-time code an animator gave (every session of the account ends)',
  })
  @ApiNoContentResponse({ description: 'the password is changed' })
  @ApiProblems(400, 413, 415, 422, 429)
  resetWithCode(@Body() dto: ResetWithCodeDto, @Req() request: FastifyRequest): Promise<void> {
    if (dto.email !== undefined && dto.username !== undefined)
      throw AppException.validation([{ field: 'username', message: 'give an email or a username, not both' }]);
    const name = dto.username !== undefined ? { username: dto.username } : { email: dto.email ?? '' };
    return this.codes.reset(name, dto.code, dto.newPassword, request.ip ?? null);
  }

  @Public()
  @Post('request')
  @HttpCode(202)
  @ApiOperation({
    summary: 'E-mail a reset link to this address if an account has it (the answer is the same either way)',
  })
  @ApiAcceptedResponse({ type: ResetLinkRequestedResponse })
  @ApiProblems(400, 413, 415, 422, 429)
  request(@Body() dto: ResetLinkRequestDto, @Req() request: FastifyRequest): Promise<ResetLinkRequestedResponse> {
    return this.links.request(dto.email, request.ip ?? null).then(() => ({ status: 'accepted' as const }));
  }

  @Public()
  @Post('confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with the token of an e-mailed link (every session ends)' })
  @ApiNoContentResponse({ description: 'the password is changed' })
  @ApiProblems(400, 413, 415, 422)
  confirm(@Body() dto: ResetLinkConfirmDto, @Req() request: FastifyRequest): Promise<void> {
    return this.links.confirm(dto.token, dto.newPassword, request.ip ?? null);
  }
}
