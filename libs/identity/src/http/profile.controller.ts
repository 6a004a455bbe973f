import { Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, AppException, Body } from '@alveole/core';
import { ProfileService } from '../profile.service';
import { ProfileResponse, UpdateProfileDto } from './profile.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me/profile')
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'Read my profile: display name and chosen language' })
  @ApiOkResponse({ type: ProfileResponse })
  @ApiProblems(401)
  read(@Auth() auth: AuthContext): Promise<ProfileResponse> {
    return this.profiles.read(auth);
  }

  @Patch()
  @Policy('update', 'Me')
  @ApiOperation({ summary: 'Change my display name or my language (a field left out keeps its value)' })
  @ApiOkResponse({ type: ProfileResponse })
  @ApiProblems(400, 401, 413, 415, 422)
  update(@Auth() auth: AuthContext, @Body() change: UpdateProfileDto): Promise<ProfileResponse> {
    if (change.displayName === undefined && change.locale === undefined) {
      throw AppException.validation([{ field: 'displayName', message: 'give a displayName or a locale' }]);
    }
    return this.profiles.update(auth, change);
  }
}
