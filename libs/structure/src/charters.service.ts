import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext, organisationSubject } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { DomainEvents } from '@alveole/core';
import { CharterArticle, CharterEntity } from './charter.entity';
import { acceptedParts, mustAcceptCharter } from './charter-standing';
import { ChartersRepository } from './charters.repository';
import { OrganisationsRepository } from './organisations.repository';
import { SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';
import { StructureEvents } from './structure.events';

export interface NumberedArticle extends CharterArticle {
  number: number;
}

export interface PublishedCharter {
  version: number;
  articles: NumberedArticle[];
  publishedAt: Date;
}

/** The charter with where the caller stands: the organisation's version is accepted once for all its spheres. */
export interface OrganisationCharter extends PublishedCharter {
  acceptedVersion: number | null;
  mustAccept: boolean;
}

export interface SphereCharter extends OrganisationCharter {
  /** The articles as plain text, then the sphere's addendum. */
  text: string;
  addendum: string | null;
  /** 0: the sphere has no addendum. */
  addendumVersion: number;
  acceptedAddendumVersion: number | null;
  /** What is already accepted: the organisation's current version; the sphere's current addendum (or none). */
  accepted: { charter: boolean; addendum: boolean };
}

export interface CharterAccepted {
  version: number;
  acceptedVersion: number;
  addendumVersion: number;
  acceptedAddendumVersion: number;
  mustAccept: false;
}

/** The organisation's versioned charter, each sphere's addendum, and who has accepted which version. */
@Injectable()
export class ChartersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly charters: ChartersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly spheres: SpheresRepository,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
    private readonly events: DomainEvents,
  ) {}

  /** Publishes version N+1; every member then has to accept it again before posting. */
  async publish(auth: AuthContext, organisationId: string, articles: CharterArticle[]): Promise<PublishedCharter> {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    this.access.assert(access, 'edit_charter', organisationSubject(organisationId));
    const charter = await this.dataSource.transaction(async (manager) => {
      // the organisation row lock serialises publications: two editors never both publish version N+1
      const previous = (await this.charters.lockCurrentVersion(organisationId, 'update', manager))!;
      const published = await this.charters.publish(
        {
          organisationId,
          version: previous + 1,
          articles: articles.map(({ title, text }) => ({ title, text })),
          publishedBy: auth.userId,
        },
        manager,
      );
      await this.audit.record(manager, {
        organisationId,
        actorId: auth.userId,
        action: 'charter.published',
        targetType: 'charter',
        targetId: organisationId,
        spherePath: null,
        before: { version: previous },
        after: { version: published.version, articles: articles.length },
      });
      await this.events.publish(
        manager,
        StructureEvents.charterPublished(organisationId, published.version, auth.userId),
      );
      return published;
    });
    return numbered(charter);
  }

  async current(auth: AuthContext, organisationId: string): Promise<OrganisationCharter> {
    const access = await this.access.of(auth);
    const organisation = this.access.organisation(access, await this.organisations.findById(organisationId));
    const charter =
      organisation.charterVersion > 0 ? await this.charters.find(organisationId, organisation.charterVersion) : null;
    if (!charter) throw StructureErrors.noCharter();
    const acceptedVersion = await this.charters.acceptedVersion(organisationId, auth.userId);
    return { ...numbered(charter), acceptedVersion, mustAccept: (acceptedVersion ?? 0) < charter.version };
  }

  /** Readable by whoever sees the sphere: people read the charter before they join. */
  async forSphere(auth: AuthContext, sphereId: string): Promise<SphereCharter> {
    const access = await this.access.of(auth);
    const sphere = this.access.sphere(access, await this.spheres.findById(sphereId));
    const standing = (await this.charters.standing(sphereId, auth.userId))!;
    const charter = standing.current > 0 ? await this.charters.find(sphere.organisationId, standing.current) : null;
    if (!charter) throw StructureErrors.noCharter();
    const published = numbered(charter);
    const accepted = acceptedParts(standing);
    return {
      ...published,
      text: renderCharter(published.articles, sphere.charterAddendum),
      addendum: sphere.charterAddendum,
      acceptedVersion: standing.accepted,
      mustAccept: !accepted.charter || !accepted.addendum,
      addendumVersion: standing.addendumVersion,
      acceptedAddendumVersion: standing.addendumAccepted,
      accepted,
    };
  }

  /**
   * Accepts the organisation's current version (for all its spheres) and this sphere's current addendum,
   * in one transaction. Only what was read is accepted: an older version or addendum (read before a
   * publication or a change) is 409; without `addendumVersion` the current addendum is taken as read.
   */
  async accept(
    auth: AuthContext,
    sphereId: string,
    version: number,
    addendumVersion?: number,
  ): Promise<CharterAccepted> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'accept_charter', await this.spheres.findById(sphereId));
    const addendum = await this.dataSource.transaction(async (manager) => {
      // shared locks: acceptances run together, but never across a publication or an addendum change
      const current = (await this.charters.lockCurrentVersion(sphere.organisationId, 'share', manager))!;
      if (current === 0) throw StructureErrors.noCharter();
      if (version !== current) throw StructureErrors.charterVersionOutdated(current);
      const currentAddendum = await this.charters.lockAddendumVersion(sphere.organisationId, sphere.id, manager);
      if (addendumVersion !== undefined && addendumVersion !== currentAddendum)
        throw StructureErrors.addendumVersionOutdated(currentAddendum);
      await this.charters.accept(sphere, auth.userId, { version, addendumVersion: currentAddendum }, manager);
      // the trail says when (the acceptance columns only say which version)
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'charter.accepted',
        targetType: 'charter',
        targetId: sphere.organisationId,
        spherePath: sphere.path,
        after: { version, sphereId: sphere.id, addendumVersion: currentAddendum },
      });
      return currentAddendum;
    });
    return {
      version,
      acceptedVersion: version,
      addendumVersion: addendum,
      acceptedAddendumVersion: addendum,
      mustAccept: false,
    };
  }

  /**
   * True when the sphere's organisation has a charter and the user has not accepted its current version
   * (in any sphere) or this sphere's current addendum (whether they may post at all is the ability's business).
   */
  async mustAcceptCharter(sphereId: string, userId: string, manager?: EntityManager): Promise<boolean> {
    const standing = await this.charters.standing(sphereId, userId, manager);
    return standing !== null && mustAcceptCharter(standing);
  }
}

function numbered(charter: CharterEntity): PublishedCharter {
  return {
    version: charter.version,
    articles: charter.articles.map((article, i) => ({ number: i + 1, title: article.title, text: article.text })),
    publishedAt: charter.publishedAt,
  };
}

/** `1. Title\ntext\n\n2. …`, then the addendum after a blank line. */
export function renderCharter(articles: NumberedArticle[], addendum: string | null): string {
  const parts = articles.map((a) => `${a.number}. ${a.title}\n${a.text}`);
  if (addendum?.trim()) parts.push(addendum.trim());
  return parts.join('\n\n');
}
