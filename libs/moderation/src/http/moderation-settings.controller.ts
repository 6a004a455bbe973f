import { Controller, Get, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, mapPage, PageQuery, Param, Query } from '@alveole/core';
import { ModerationSettingsService } from '../moderation-settings.service';
import { OutcomesService } from '../outcomes';
import { ModerationSettingsDto } from './moderation.dto';
import { ModerationSettingsResponse, OutcomePage, toOutcomeResponse } from './moderation.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** A sphere's moderation settings, and what members hear of the decisions that concern them. */
@ApiTags('moderation')
@ApiBearerAuth()
@Controller()
export class ModerationSettingsController {
  constructor(
    private readonly settings: ModerationSettingsService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Get('spheres/:sphereId/moderation/settings')
  @Policy('moderate', 'Sphere')
  @ApiOperation({ summary: "The sphere's auto-hide threshold and escalation deadline (its moderators)" })
  @ApiOkResponse({ type: ModerationSettingsResponse })
  @ApiProblems(401, 403, 404, 409)
  get(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string): Promise<ModerationSettingsResponse> {
    return this.settings.get(auth, sphereId);
  }

  @Put('spheres/:sphereId/moderation/settings')
  @Policy('update', 'Sphere')
  @ApiOperation({ summary: "Set the sphere's auto-hide threshold and escalation deadline (its admins, managers)" })
  @ApiOkResponse({ type: ModerationSettingsResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  put(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Body() dto: ModerationSettingsDto,
  ): Promise<ModerationSettingsResponse> {
    return this.settings.put(auth, sphereId, { hideThreshold: dto.hideThreshold, deadlineHours: dto.deadlineHours });
  }

  @Get('me/moderation/outcomes')
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'Decisions on what I reported and on my own conduct, newest case first' })
  @ApiOkResponse({ type: OutcomePage })
  @ApiProblems(401)
  async mine(@Auth() auth: AuthContext, @Query() query: PageQuery): Promise<OutcomePage> {
    return mapPage(await this.outcomes.mine(auth, query.limit, query.cursor), toOutcomeResponse);
  }
}
