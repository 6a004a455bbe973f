import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import { SPHERE_REQUEST_STATUSES, SphereRequestStatus } from '../sphere-request.entity';
import { SPHERE_KINDS, SphereKind, VISIBILITIES, Visibility } from '../sphere.entity';
import { SphereResponse } from './structure.responses';

export class SphereRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) parentId: string;
  @ApiProperty() name: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: SPHERE_KINDS, nullable: true }) kind: SphereKind | null;
  @ApiProperty({ enum: VISIBILITIES, nullable: true }) visibility: Visibility | null;
  @ApiProperty({ enum: SPHERE_REQUEST_STATUSES }) status: SphereRequestStatus;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) decidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the sphere created on approval' })
  sphereId: string | null;
  @ApiProperty() createdAt: Date;
}

export class SphereRequestPage extends PageOf(SphereRequestResponse) {}

export class SimilarNameResponse {
  @ApiProperty({ enum: ['sphere', 'sphere_request'] }) type: 'sphere' | 'sphere_request';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) similarity: number;
}

export class CreatedSphereRequestResponse extends SphereRequestResponse {
  @ApiProperty({ type: [SimilarNameResponse], description: 'existing spheres and pending requests with a close name' })
  similar: SimilarNameResponse[];
}

export class ApprovedSphereRequestResponse {
  @ApiProperty({ type: SphereRequestResponse }) request: SphereRequestResponse;
  @ApiProperty({ type: SphereResponse }) sphere: SphereResponse;
}
