import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { MeResponse } from './auth.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  /** Organisations and spheres are filled by the structure context once memberships exist. */
  @Get()
  @Policy('read', 'Me')
  me(@Auth() auth: AuthContext): MeResponse {
    // the guard loaded the user moments ago; reading it again would double the cost of /me
    return {
      id: auth.userId,
      email: auth.email,
      displayName: auth.displayName,
      instanceRole: auth.instanceRole,
      organisations: [],
      spheres: [],
    };
  }
}
