import { ApiProperty } from '@nestjs/swagger';
import { MEMBERSHIP_STATUSES, MembershipStatus, ORG_ROLES, OrgRole, SPHERE_ROLES, SphereRole } from '@alveole/access';
import { PageOf } from '@alveole/core';
import { CONTENT_ON_ERASURE, ContentOnErasure } from '@alveole/identity';
import { MEMBERSHIP_POLICIES, MembershipPolicy, SPHERE_CREATION, SphereCreation } from '../organisation.entity';
import {
  MODERATION_MODES,
  ModerationMode,
  POSTING_POLICIES,
  PostingPolicy,
  SPHERE_KINDS,
  SphereKind,
  VISIBILITIES,
  Visibility,
} from '../sphere.entity';

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: SPHERE_CREATION }) sphereCreation: SphereCreation;
  @ApiProperty({ enum: MEMBERSHIP_POLICIES }) membershipPolicy: MembershipPolicy;
  @ApiProperty({ description: 'current charter version; 0 before the first one is published' })
  charterVersion: number;
  @ApiProperty({ enum: CONTENT_ON_ERASURE, description: "what an erased member's content becomes" })
  contentOnErasure: ContentOnErasure;
  @ApiProperty() createdAt: Date;
}

export class OrganisationPage extends PageOf(OrganisationResponse) {}

export class RoleAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ORG_ROLES }) role: OrgRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the whole organisation' })
  scopeSphereId: string | null;
  @ApiProperty({ type: Date, nullable: true }) expiresAt: Date | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) grantedBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class ActiveRoleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ORG_ROLES }) role: OrgRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the whole organisation' })
  scopeSphereId: string | null;
  @ApiProperty({ type: String, nullable: true }) scopeSphereName: string | null;
  @ApiProperty({ type: Date, nullable: true }) expiresAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class ActiveRolePage {
  @ApiProperty({ type: [ActiveRoleResponse] }) items: ActiveRoleResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class SphereResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
  @ApiProperty({ description: 'ids from the root down, `/`-separated and `/`-terminated' }) path: string;
  @ApiProperty() depth: number;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: SPHERE_KINDS }) kind: SphereKind;
  @ApiProperty({ type: String, nullable: true }) territoryCode: string | null;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ enum: POSTING_POLICIES }) postingPolicy: PostingPolicy;
  @ApiProperty({ enum: MODERATION_MODES }) moderationMode: ModerationMode;
  @ApiProperty() historyVisibleToNewcomers: boolean;
  @ApiProperty({ type: String, nullable: true }) charterAddendum: string | null;
  @ApiProperty() archived: boolean;
  @ApiProperty({ type: Date, nullable: true }) archivedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class SpherePage extends PageOf(SphereResponse) {}

export class SimilarSphereResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: 0, maximum: 1, description: 'trigram similarity of the names' }) similarity: number;
}

export class CreatedSphereResponse extends SphereResponse {
  @ApiProperty({ type: [SimilarSphereResponse], description: 'siblings with a close name, to tidy up later' })
  similar: SimilarSphereResponse[];
}

export class MembershipResponse {
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: SPHERE_ROLES }) role: SphereRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty({ type: Date, nullable: true }) expiresAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'null while requested' }) joinedAt: Date | null;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: SPHERE_ROLES }) role: SphereRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty({ type: Date, nullable: true }) joinedAt: Date | null;
}

export class MemberPage extends PageOf(MemberResponse) {}

export class MyOrganisationRoleResponse {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty({ enum: ORG_ROLES }) role: OrgRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) scopeSphereId: string | null;
}

export class MyOrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: [MyOrganisationRoleResponse] }) roles: MyOrganisationRoleResponse[];
}

export class MySphereResponse {
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: SPHERE_ROLES }) role: SphereRole;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: MembershipStatus;
  @ApiProperty({ description: 'a newer charter version awaits acceptance: posting is refused until then' })
  mustAcceptCharter: boolean;
}

export class MeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for a member without e-mail' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the sign-in name of a member without e-mail' })
  username: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true, enum: ['instance_admin'] }) instanceRole: string | null;
  @ApiProperty({ type: [MyOrganisationResponse], description: 'by name; with my organisation roles' })
  organisations: MyOrganisationResponse[];
  @ApiProperty({ type: [MySphereResponse], description: 'my memberships, with names for a menu' })
  spheres: MySphereResponse[];
}

export class ResetCodeResponse {
  @ApiProperty({ example: 'KXP7M3RQ9T', description: 'shown this once: only its hash is kept' })
  code: string;
  @ApiProperty({ format: 'date-time', description: '15 minutes from now; it also stops working once used' })
  expiresAt: string;
}
