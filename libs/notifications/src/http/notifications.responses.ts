import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import { NOTIFICATION_KINDS, NOTIFICATION_LEVELS } from '../notification-kinds';
import { NotificationView } from '../notifications.repository';

export class NotificationSubjectResponse {
  @ApiProperty({
    enum: ['post', 'comment', 'membership', 'sphere_request', 'moderation_case', 'role_assignment', 'charter'],
  })
  type: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id: string | null;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid', description: "the event's id (the same for every recipient)" }) id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organisationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sphereId: string | null;
  @ApiProperty({ type: String, nullable: true }) sphereName: string | null;
  @ApiProperty({ type: NotificationSubjectResponse }) subject: NotificationSubjectResponse;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the first words while the content is still readable' })
  excerpt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class NotificationPage extends PageOf(NotificationResponse) {
  @ApiProperty({ minimum: 0 }) unreadCount: number;
}

export class UnreadCountResponse {
  @ApiProperty({ minimum: 0 }) unreadCount: number;
}

export class PreferenceResponse {
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ enum: NOTIFICATION_LEVELS }) level: string;
  @ApiProperty({ enum: NOTIFICATION_LEVELS }) sphereDefault: string;
  @ApiProperty({ description: "true while the sphere's default applies" }) inherited: boolean;
}

export class SphereDefaultResponse {
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ enum: NOTIFICATION_LEVELS }) level: string;
}

export class QuietHoursResponse {
  @ApiProperty({ example: '22:00' }) start: string;
  @ApiProperty({ example: '07:00' }) end: string;
}

export class SettingsResponse {
  @ApiProperty() emailEnabled: boolean;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: QuietHoursResponse, nullable: true }) quietHours: QuietHoursResponse | null;
  @ApiProperty({ minimum: 0, maximum: 1000 }) dailyEmailCap: number;
  @ApiProperty({ description: 'the address failed permanently: e-mail is paused until turned on again' })
  emailFailing: boolean;
}

export const toNotificationResponse = (n: NotificationView): NotificationResponse => ({
  id: n.id,
  kind: n.kind,
  organisationId: n.organisationId,
  sphereId: n.sphereId,
  sphereName: n.sphereName,
  subject: { type: n.subjectType, id: n.subjectId },
  actorId: n.actorId,
  actorName: n.actorName,
  excerpt: n.excerpt,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export class UnsubscribeResponse {
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty() sphereName: string;
  @ApiProperty({ enum: NOTIFICATION_LEVELS }) level: string;
}
