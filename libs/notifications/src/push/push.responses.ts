import { ApiProperty } from '@nestjs/swagger';
import type { PushSubscriptionView } from './push-subscriptions.service';

export class VapidPublicKeyResponse {
  @ApiProperty({ description: 'the applicationServerKey for PushManager.subscribe, base64url' }) publicKey: string;
}

export class PushSubscriptionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) device: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export const toPushSubscriptionResponse = (s: PushSubscriptionView): PushSubscriptionResponse => ({
  id: s.id,
  device: s.device,
  createdAt: s.createdAt.toISOString(),
});
