import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems } from '@alveole/core';
import { MeService } from '../me.service';
import { MeResponse } from './structure.responses';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'Who I am: my organisations (with my roles) and my spheres, by name' })
  @ApiOkResponse({ type: MeResponse })
  @ApiProblems(401)
  describe(@Auth() auth: AuthContext): Promise<MeResponse> {
    return this.me.describe(auth);
  }
}
