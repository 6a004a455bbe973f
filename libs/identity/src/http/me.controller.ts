import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { AppException } from '@alveole/core';
import { UsersRepository } from '../users.repository';
import { MeResponse } from './auth.dto';
import { toUserResponse } from './user.mapper';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersRepository) {}

  /** Organisations and spheres are filled by the structure context once memberships exist. */
  @Get()
  @Policy('read', 'Me')
  async me(@Auth() auth: AuthContext): Promise<MeResponse> {
    const user = await this.users.findById(auth.userId);
    if (!user) throw AppException.unauthenticated();
    return { ...toUserResponse(user), organisations: [], spheres: [] };
  }
}
