import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems } from '@alveole/core';
import { PrivacyOverview, STORED_KINDS, StoredData } from '../privacy-overview';

export class StoredDataResponse {
  @ApiProperty({ enum: STORED_KINDS }) kind: StoredData['kind'];
  @ApiProperty({ description: 'records of this kind about me now' }) count: number;
  @ApiProperty({
    enum: ['account', 'security', 'membership', 'content', 'moderation', 'notification', 'accountability'],
    description: 'why it is kept',
  })
  purpose: StoredData['purpose'];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'days kept once no longer needed; null: as long as the account or the content exists',
  })
  retentionDays: number | null;
}

export class PrivacyResponse {
  @ApiProperty({ type: [StoredDataResponse] }) items: StoredDataResponse[];
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me/privacy')
export class PrivacyController {
  constructor(private readonly overview: PrivacyOverview) {}

  @Get()
  @Policy('read', 'Me')
  @ApiOperation({ summary: 'What the instance stores about me, why, for how long, and how many records now' })
  @ApiOkResponse({ type: PrivacyResponse })
  @ApiProblems(401)
  async read(@Auth() auth: AuthContext): Promise<PrivacyResponse> {
    return { items: await this.overview.of(auth.userId) };
  }
}
