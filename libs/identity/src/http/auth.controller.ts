import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { Public } from '@alveole/access';
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
  @UseGuards(ThrottlerGuard)
  register(@Body() dto: RegisterDto, @Req() request: FastifyRequest): Promise<SessionResponse> {
    return this.auth.register(dto, request.ip ?? null).then(toSessionResponse);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LocalAuthGuard)
  login(@Body() _credentials: LoginDto, @Req() request: FastifyRequest & { user: Session }): SessionResponse {
    return toSessionResponse(request.user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshTokenDto, @Req() request: FastifyRequest): Promise<TokensResponse> {
    return this.auth.refresh(dto.refreshToken, request.ip ?? null);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  logout(@Body() dto: RefreshTokenDto): Promise<void> {
    return this.auth.logout(dto.refreshToken);
  }
}
