import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, Policy, Public } from '@alveole/access';
import { ApiProblems, Body, Param } from '@alveole/core';
import { PushSubscriptionDto } from './push.dto';
import { PushSubscriptionResponse, toPushSubscriptionResponse, VapidPublicKeyResponse } from './push.responses';
import { PushSubscriptionsService } from './push-subscriptions.service';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

/** Web Push: the server's key, and my browsers that receive pushes. */
@ApiTags('notifications')
@Controller()
export class PushController {
  constructor(private readonly subscriptions: PushSubscriptionsService) {}

  @Get('push/vapid-public-key')
  @Public()
  @ApiOperation({ summary: "The server's VAPID public key (applicationServerKey)" })
  @ApiOkResponse({ type: VapidPublicKeyResponse })
  @ApiProblems()
  vapidPublicKey(): VapidPublicKeyResponse {
    return { publicKey: this.subscriptions.publicKey() };
  }

  @Post('me/push-subscriptions')
  @ApiBearerAuth()
  @Policy('update', 'Me')
  @ApiOperation({ summary: 'Receive pushes in this browser (the same endpoint again: replaced, and mine)' })
  @ApiCreatedResponse({ type: PushSubscriptionResponse })
  @ApiProblems(401, 413, 415)
  subscribe(@Auth() auth: AuthContext, @Body() dto: PushSubscriptionDto): Promise<PushSubscriptionResponse> {
    return this.subscriptions.subscribe(auth, dto).then(toPushSubscriptionResponse);
  }

  @Get('me/push-subscriptions')
  @ApiBearerAuth()
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'My browsers that receive pushes' })
  @ApiOkResponse({ type: [PushSubscriptionResponse] })
  @ApiProblems(401)
  async list(@Auth() auth: AuthContext): Promise<PushSubscriptionResponse[]> {
    return (await this.subscriptions.list(auth)).map(toPushSubscriptionResponse);
  }

  @Delete('me/push-subscriptions/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @Policy('update', 'Me')
  @ApiOperation({ summary: 'Stop pushes to one of my browsers' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiProblems(401, 404)
  remove(@Auth() auth: AuthContext, @Param('id', Id) id: string): Promise<void> {
    return this.subscriptions.remove(auth, id);
  }
}
