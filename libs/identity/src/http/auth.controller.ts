import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Public } from '@alveole/access';
import { ApiProblems, Body, requestHost } from '@alveole/core';
import { AuthService, Session } from '../auth.service';
import { LoginDto, RefreshTokenDto, RegisterDto, SessionResponse, TokensResponse } from './auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { toSessionResponse } from './user.mapper';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Limited per IP to REGISTER_MAX_PER_HOUR by the throttler (see api.module.ts). */
  @Public()
  @Post('register')
  @ApiOperation({
    summary:
      'Create an account (with an invitation code when the brand asks for one) and sign in; 403 when registration is closed',
  })
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiProblems(400, 403, 404, 409, 410, 413, 415, 422, 429)
  @UseGuards(ThrottlerGuard)
  register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<SessionResponse> {
    return this.auth.register({ ...dto, host: requestHost(request) }, request.ip ?? null).then(toSessionResponse);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail (or, without one, username) and password' })
  // validated by LocalAuthGuard (guards run before pipes), which also hands the name to passport
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, 401, 413, 415, 422, 429)
  @UseGuards(LocalAuthGuard)
  login(@Req() request: FastifyRequest & { user: Session }): SessionResponse {
    return toSessionResponse(request.user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair (the old one is retired)' })
  @ApiOkResponse({ type: TokensResponse })
  @ApiProblems(400, 401, 413, 415, 422)
  refresh(@Body() dto: RefreshTokenDto, @Req() request: FastifyRequest): Promise<TokensResponse> {
    return this.auth.refresh(dto.refreshToken, request.ip ?? null);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a refresh token' })
  @ApiNoContentResponse({ description: 'revoked (also when it was unknown or already revoked)' })
  @ApiProblems(400, 413, 415, 422)
  logout(@Body() dto: RefreshTokenDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }
}
