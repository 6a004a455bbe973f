import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@alveole/access';
import { ApiProblems, Param } from '@alveole/core';
import { UnsubscribeService } from '../unsubscribe.service';
import { UnsubscribeResponse } from './notifications.responses';

/** The links of e-mails: the signed token is the credential (no session in a mail client). */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'What an unsubscribe link is about: the sphere and what its person hears of it now' })
  @ApiOkResponse({ type: UnsubscribeResponse })
  @ApiProblems(404)
  show(@Param('token') token: string): Promise<UnsubscribeResponse> {
    return this.unsubscribes.show(token);
  }

  /** RFC 8058: mail clients post `List-Unsubscribe=One-Click` as a form; the body says nothing more, so it is not read. */
  @Post(':token')
  @HttpCode(200)
  @Public()
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'One-click unsubscribe (RFC 8058): hear nothing more of the sphere' })
  @ApiOkResponse({ type: UnsubscribeResponse })
  @ApiProblems(404, 413, 415)
  unsubscribe(@Param('token') token: string): Promise<UnsubscribeResponse> {
    return this.unsubscribes.unsubscribe(token);
  }
}
