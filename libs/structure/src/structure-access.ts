import { Injectable } from '@nestjs/common';
import { AccessGate, Action, AuthContext, CallerAccess, organisationSubject, SubjectRecord } from '@alveole/access';
import { AppException } from '@alveole/core';
import { OrganisationEntity } from './organisation.entity';
import { asSphereSubject, SphereEntity } from './sphere.entity';

/** The structure context's questions to the access gate, in the words of its own records. */
@Injectable()
export class StructureAccess {
  constructor(private readonly gate: AccessGate) {}

  of(auth: AuthContext): Promise<CallerAccess> {
    return this.gate.of(auth);
  }

  /** Forget the caller's loaded rights (after a change to their own roles within the request). */
  forget(auth: AuthContext): void {
    this.gate.forget(auth);
  }

  /** 404 unless the caller sees the organisation. */
  organisation(access: CallerAccess, organisation: OrganisationEntity | null): OrganisationEntity {
    return this.gate.visible(access, organisation, (o) => organisationSubject(o.id), 'Organisation');
  }

  /** 404 unless the caller sees the sphere (`what` names it in the answer, e.g. "Parent sphere"). */
  sphere(access: CallerAccess, sphere: SphereEntity | null, what = 'Sphere'): SphereEntity {
    return this.gate.visible(access, sphere, asSphereSubject, what);
  }

  /** 404 unless seen, 409 when only the archive stands in the way, else 403 unless allowed. */
  onSphere(access: CallerAccess, action: Action, sphere: SphereEntity | null, what = 'Sphere'): SphereEntity {
    return this.gate.allowed(access, action, sphere, asSphereSubject, what);
  }

  /** Organisation-wide rights, once the organisation is known to be visible. */
  assert(access: CallerAccess, action: Action, subject: SubjectRecord, refusal?: () => AppException): void {
    this.gate.assert(access, action, subject, refusal);
  }
}
