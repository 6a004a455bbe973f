import { Controller, Get, HttpCode, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param, Query } from '@alveole/core';
import { NotificationsService } from '../notifications.service';
import { PreferencesService } from '../preferences.service';
import { SettingsService } from '../settings.service';
import { SphereDefaultService } from '../sphere-default.service';
import { MarkReadDto, NotificationsQuery, PreferenceDto, SettingsDto, SphereDefaultDto } from './notifications.dto';
import {
  NotificationPage,
  PreferenceResponse,
  SettingsResponse,
  SphereDefaultResponse,
  toNotificationResponse,
  UnreadCountResponse,
} from './notifications.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** My notifications, what I hear from each sphere, and how (e-mail, quiet hours, cap). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly preferences: PreferencesService,
    private readonly settings: SettingsService,
    private readonly sphereDefault: SphereDefaultService,
  ) {}

  @Get('notifications')
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationPage })
  @ApiProblems(400, 401)
  async list(@Auth() auth: AuthContext, @Query() query: NotificationsQuery): Promise<NotificationPage> {
    const page = await this.notifications.list(auth, query.limit, query.cursor, query.unread ?? false);
    return {
      items: page.items.map(toNotificationResponse),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  }

  @Get('notifications/unread-count')
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'How many of my notifications are unread (the bell)' })
  @ApiOkResponse({ type: UnreadCountResponse })
  @ApiProblems(401)
  async unread(@Auth() auth: AuthContext): Promise<UnreadCountResponse> {
    return { unreadCount: await this.notifications.unreadCount(auth) };
  }

  @Post('notifications/read')
  @HttpCode(200)
  @Policy('update', 'Me')
  @ApiOperation({ summary: 'Mark some (`ids`) or all (`all: true`) of my notifications read' })
  @ApiOkResponse({ type: UnreadCountResponse })
  @ApiProblems(400, 401)
  read(@Auth() auth: AuthContext, @Body() dto: MarkReadDto): Promise<UnreadCountResponse> {
    return this.notifications.markRead(auth, dto.all === true ? 'all' : (dto.ids ?? []));
  }

  @Get('spheres/:sphereId/notification-preference')
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'What I hear of this sphere (a member of it)' })
  @ApiOkResponse({ type: PreferenceResponse })
  @ApiProblems(401, 403, 404)
  preference(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string): Promise<PreferenceResponse> {
    return this.preferences.get(auth, sphereId);
  }

  @Put('spheres/:sphereId/notification-preference')
  @Policy('update', 'Me')
  @ApiOperation({ summary: "Choose what I hear of this sphere (null: the sphere's default)" })
  @ApiOkResponse({ type: PreferenceResponse })
  @ApiProblems(400, 401, 403, 404)
  setPreference(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Body() dto: PreferenceDto,
  ): Promise<PreferenceResponse> {
    return this.preferences.put(auth, sphereId, dto.level);
  }

  @Put('spheres/:sphereId/notification-default')
  @Policy('update', 'Sphere')
  @ApiOperation({ summary: "Set what the sphere's members hear until they choose (its admins, managers)" })
  @ApiOkResponse({ type: SphereDefaultResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  setDefault(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Body() dto: SphereDefaultDto,
  ): Promise<SphereDefaultResponse> {
    return this.sphereDefault.put(auth, sphereId, dto.level);
  }

  @Get('me/notification-settings')
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'My e-mail, quiet hours, time zone and daily cap' })
  @ApiOkResponse({ type: SettingsResponse })
  @ApiProblems(401)
  getSettings(@Auth() auth: AuthContext): Promise<SettingsResponse> {
    return this.settings.get(auth);
  }

  @Put('me/notification-settings')
  @Policy('update', 'Me')
  @ApiOperation({ summary: 'Change my e-mail, quiet hours, time zone or daily cap (what is absent stays)' })
  @ApiOkResponse({ type: SettingsResponse })
  @ApiProblems(400, 401)
  putSettings(@Auth() auth: AuthContext, @Body() dto: SettingsDto): Promise<SettingsResponse> {
    return this.settings.put(auth, dto);
  }
}
