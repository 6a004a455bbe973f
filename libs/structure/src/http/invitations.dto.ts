import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INVITATION_ROLES, InvitationRole } from '../invitation.entity';

export class CreateInvitationDto {
  @ApiPropertyOptional({ enum: INVITATION_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(INVITATION_ROLES)
  role?: InvitationRole;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, description: 'absent: unlimited' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  maxUses?: number;

  @ApiPropertyOptional({ description: 'in the future; absent: never expires' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class InvitationResponse {
  @ApiProperty() id: string;
  @ApiProperty() sphereId: string;
  @ApiProperty({ description: 'the secret that lets people in: share it with them only' }) code: string;
  @ApiProperty({ example: 'https://alveole.example.org/invitations/3q2-7wVx…' }) url: string;
  @ApiProperty({ enum: INVITATION_ROLES }) role: InvitationRole;
  @ApiProperty({ type: Number, nullable: true }) maxUses: number | null;
  @ApiProperty() uses: number;
  @ApiProperty({ type: Date, nullable: true }) expiresAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class InvitationPage extends PageOf(InvitationResponse) {}

export class AcceptedInvitationResponse {
  @ApiProperty() sphereId: string;
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: INVITATION_ROLES }) role: InvitationRole;
  @ApiProperty({ enum: ['active'] }) status: 'active';
  @ApiProperty({ description: 'accept the charter (POST /spheres/:id/charter/accept) before posting' })
  mustAcceptCharter: boolean;
}
