import { Action, AppAbility, organisationSubject, sphereSubject } from '@alveole/access';
import { AppException } from '@alveole/core';
import { OrganisationEntity } from './organisation.entity';
import { SphereEntity, sphereFacts } from './sphere.entity';
import { StructureErrors } from './structure.errors';

/**
 * Record checks shared by the structure services: what the caller may not even see is 404
 * (never reveal existence), what they see but may not do is 403, archived spheres are 409.
 */
export function visibleOrganisation(ability: AppAbility, organisation: OrganisationEntity | null): OrganisationEntity {
  if (!organisation || !ability.can('read', organisationSubject(organisation.id)))
    throw AppException.notFound('Organisation');
  return organisation;
}

export function visibleSphere(ability: AppAbility, sphere: SphereEntity | null): SphereEntity {
  if (!sphere || !ability.can('read', sphereSubject(sphereFacts(sphere)))) throw AppException.notFound('Sphere');
  return sphere;
}

export function allowedOnSphere(ability: AppAbility, action: Action, sphere: SphereEntity | null): SphereEntity {
  const seen = visibleSphere(ability, sphere);
  if (ability.can(action, sphereSubject(sphereFacts(seen)))) return seen;
  if (seen.archivedAt && ability.can(action, sphereSubject({ ...sphereFacts(seen), archived: false }))) {
    throw StructureErrors.archived();
  }
  throw AppException.forbidden();
}
