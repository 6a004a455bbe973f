import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthContext, organisationSubject, sphereReadScope } from '@alveole/access';
import { AuditWriter } from '@alveole/audit';
import { AppException, decodeCursor, keysetPage, newId, Page } from '@alveole/core';
import { OrganisationsRepository } from './organisations.repository';
import { pick } from './organisations.service';
import { slugify } from './slug';
import { ModerationMode, PostingPolicy, SphereEntity, SphereKind, Visibility } from './sphere.entity';
import { SimilarSphere, SpheresRepository } from './spheres.repository';
import { StructureAccess } from './structure-access';
import { StructureErrors } from './structure.errors';

export interface NewSphere {
  name: string;
  slug?: string;
  parentId?: string;
  description?: string;
  kind: SphereKind;
  visibility: Visibility;
  postingPolicy?: PostingPolicy;
  moderationMode?: ModerationMode;
  territoryCode?: string;
  historyVisibleToNewcomers?: boolean;
}

export type SphereChanges = Partial<
  Pick<
    SphereEntity,
    | 'name'
    | 'slug'
    | 'description'
    | 'kind'
    | 'territoryCode'
    | 'visibility'
    | 'postingPolicy'
    | 'moderationMode'
    | 'historyVisibleToNewcomers'
    | 'charterAddendum'
  >
>;

/** The sphere tree: create, list, read, update, move, archive (DESIGN.md §2). */
@Injectable()
export class SpheresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly spheres: SpheresRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly access: StructureAccess,
    private readonly audit: AuditWriter,
  ) {}

  /** Creates a sphere and answers the near-duplicates already under the same parent. */
  async create(
    auth: AuthContext,
    organisationId: string,
    input: NewSphere,
  ): Promise<{ sphere: SphereEntity; similar: SimilarSphere[] }> {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    const found = input.parentId ? await this.spheres.findById(input.parentId) : null;
    // a sphere of another organisation, or one the caller may not see, is as unknown as a random id
    const parent = found?.organisationId === organisationId ? found : null;
    if (input.parentId) this.access.onSphere(access, 'create_child', parent, 'Parent sphere');
    else
      this.access.assert(access, 'update', organisationSubject(organisationId), () =>
        AppException.forbidden('Only the owners of the whole organisation create top-level spheres'),
      );
    return this.insert(auth, organisationId, parent, input);
  }

  /** Inserts a sphere (permission already checked by the caller) and audits it. */
  async insert(auth: AuthContext, organisationId: string, parent: SphereEntity | null, input: NewSphere) {
    const similar = await this.spheres.similarNames(organisationId, parent?.id ?? null, input.name);
    // outside the transaction: PGlite serves one connection at a time (a race still ends in slug-taken)
    const slug = input.slug ?? (await this.freeSlug(organisationId, slugify(input.name), this.dataSource.manager));
    const sphere = await this.dataSource.transaction((manager) =>
      this.insertIn(manager, auth, organisationId, parent, { ...input, slug }),
    );
    return { sphere, similar };
  }

  /**
   * The same in the caller's transaction, every query on its manager (an approved sphere request
   * creates the sphere, the requester's membership and the decision together).
   */
  async insertIn(
    manager: EntityManager,
    auth: AuthContext,
    organisationId: string,
    parent: SphereEntity | null,
    input: NewSphere,
  ): Promise<SphereEntity> {
    const slug = input.slug ?? (await this.freeSlug(organisationId, slugify(input.name), manager));
    const id = newId();
    const row = {
      id,
      organisationId,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      name: input.name.trim(),
      slug,
      description: input.description ?? '',
      kind: input.kind,
      territoryCode: input.territoryCode ?? null,
      visibility: input.visibility,
      postingPolicy: input.postingPolicy ?? 'members',
      moderationMode: input.moderationMode ?? 'post',
      historyVisibleToNewcomers: input.historyVisibleToNewcomers ?? true,
      charterAddendum: null,
      charterAddendumVersion: 0,
    };
    if (!(await this.spheres.insert(row, manager))) throw StructureErrors.slugTaken();
    await this.audit.record(manager, {
      organisationId,
      actorId: auth.userId,
      action: 'sphere.created',
      targetType: 'sphere',
      targetId: id,
      spherePath: row.path,
      after: row,
    });
    return (await this.spheres.findById(id, manager))!;
  }

  async list(
    auth: AuthContext,
    organisationId: string,
    options: { parentId?: string; limit: number; cursor?: string },
  ): Promise<Page<SphereEntity>> {
    const access = await this.access.of(auth);
    this.access.organisation(access, await this.organisations.findById(organisationId));
    const afterPath = options.cursor
      ? decodeCursor<{ path: string }>(options.cursor, { path: 'text' }).path
      : undefined;
    const rows = await this.spheres.listVisible(organisationId, sphereReadScope(access.profile, organisationId), {
      parentId: options.parentId,
      afterPath,
      limit: options.limit + 1,
    });
    return keysetPage(rows, options.limit, (sphere) => ({ path: sphere.path }));
  }

  async get(auth: AuthContext, sphereId: string): Promise<SphereEntity> {
    const access = await this.access.of(auth);
    return this.access.sphere(access, await this.spheres.findById(sphereId));
  }

  async update(auth: AuthContext, sphereId: string, changes: SphereChanges): Promise<SphereEntity> {
    const access = await this.access.of(auth);
    const before = this.access.onSphere(access, 'update', await this.spheres.findById(sphereId));
    return this.dataSource.transaction(async (manager) => {
      if (changes.slug && (await this.spheres.slugTaken(before.organisationId, changes.slug, sphereId, manager)))
        throw StructureErrors.slugTaken();
      if (changes.charterAddendum != null) {
        // a blank addendum is none: stored NULL, nothing for members to accept
        if (!changes.charterAddendum.trim()) changes = { ...changes, charterAddendum: null };
        else
          await this.spheres.bumpAddendumVersionIfChanged(
            before.organisationId,
            sphereId,
            changes.charterAddendum,
            manager,
          );
      }
      await this.spheres.update(before.organisationId, sphereId, changes, manager);
      const after = (await this.spheres.findById(sphereId, manager))!;
      await this.audit.record(manager, {
        organisationId: after.organisationId,
        actorId: auth.userId,
        action: 'sphere.updated',
        targetType: 'sphere',
        targetId: sphereId,
        spherePath: after.path,
        before: pick(before, changes),
        after: pick(after, changes),
      });
      return after;
    });
  }

  /** Moves a sphere and its whole subtree under another parent of the same organisation. */
  async move(auth: AuthContext, sphereId: string, parentId: string): Promise<SphereEntity> {
    const access = await this.access.of(auth);
    const sphere = this.access.onSphere(access, 'move', await this.spheres.findById(sphereId));
    const found = await this.spheres.findById(parentId);
    const target = this.access.onSphere(
      access,
      'create_child',
      found?.organisationId === sphere.organisationId ? found : null,
      'Parent sphere',
    );
    if (target.path.startsWith(sphere.path)) throw StructureErrors.moveIntoOwnSubtree();
    return this.dataSource.transaction(async (manager) => {
      // re-read under lock: a concurrent move of an ancestor changes the paths
      const locked = (await this.spheres.findForUpdate(sphereId, manager))!;
      const parent = (await this.spheres.findForUpdate(parentId, manager))!;
      if (parent.path.startsWith(locked.path)) throw StructureErrors.moveIntoOwnSubtree();
      const newPath = `${parent.path}${locked.id}/`;
      await this.spheres.movePaths(
        locked.organisationId,
        locked.path,
        newPath,
        parent.depth + 1 - locked.depth,
        manager,
      );
      await this.spheres.update(locked.organisationId, sphereId, { parentId: parent.id }, manager);
      await this.audit.record(manager, {
        organisationId: locked.organisationId,
        actorId: auth.userId,
        action: 'sphere.moved',
        targetType: 'sphere',
        targetId: sphereId,
        spherePath: newPath,
        before: { parentId: locked.parentId, path: locked.path },
        after: { parentId: parent.id, path: newPath },
      });
      return (await this.spheres.findById(sphereId, manager))!;
    });
  }

  /** Archived spheres stay readable but accept no change, post or member (the rules say so). */
  async archive(auth: AuthContext, sphereId: string): Promise<SphereEntity> {
    const access = await this.access.of(auth);
    const sphere = this.access.sphere(access, await this.spheres.findById(sphereId));
    if (sphere.archivedAt) return sphere;
    this.access.onSphere(access, 'archive', sphere);
    return this.dataSource.transaction(async (manager) => {
      await this.spheres.update(sphere.organisationId, sphereId, { archivedAt: new Date() }, manager);
      await this.audit.record(manager, {
        organisationId: sphere.organisationId,
        actorId: auth.userId,
        action: 'sphere.archived',
        targetType: 'sphere',
        targetId: sphereId,
        spherePath: sphere.path,
        before: { archivedAt: null },
      });
      return (await this.spheres.findById(sphereId, manager))!;
    });
  }

  private async freeSlug(organisationId: string, base: string, manager: EntityManager): Promise<string> {
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await this.spheres.slugTaken(organisationId, candidate, '00000000-0000-0000-0000-000000000000', manager)))
        return candidate;
    }
  }
}
