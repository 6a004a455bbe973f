import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { newId } from '@alveole/core';
import { DocumentsAccess } from './documents-access';
import { DocumentErrors } from './documents.errors';
import { DocumentsRepository } from './documents.repository';
import { FolderRecord, FoldersRepository } from './folders.repository';
import { normaliseFileName } from './uploads/file-name';

/** Folders a sphere may hold: enough for any association's archive, few enough to list at once. */
export const MAX_FOLDERS_PER_SPHERE = 1000;

export interface FolderChanges {
  name?: string;
  /** null: the sphere's top level. */
  parentId?: string | null;
}

/** The folder tree of a sphere's documents. */
@Injectable()
export class FoldersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DocumentsAccess,
    private readonly documents: DocumentsRepository,
    private readonly folders: FoldersRepository,
  ) {}

  async list(auth: AuthContext, sphereId: string): Promise<FolderRecord[]> {
    const access = await this.access.of(auth);
    this.access.readableSphere(access, await this.documents.sphere(sphereId));
    return this.folders.list(sphereId);
  }

  async create(auth: AuthContext, sphereId: string, input: { name: string; parentId?: string | null }) {
    const access = await this.access.of(auth);
    const sphere = this.access.readableSphere(access, await this.documents.sphere(sphereId));
    this.access.assertMayAdd(access, sphere);
    const name = this.folderName(input.name);
    const parentId = input.parentId ?? null;
    if (parentId !== null && (await this.folders.find(parentId))?.sphereId !== sphere.id) {
      throw DocumentErrors.unknownFolder('parentId');
    }
    if ((await this.folders.count(sphere.id)) >= MAX_FOLDERS_PER_SPHERE) {
      throw DocumentErrors.badName(`a sphere holds at most ${MAX_FOLDERS_PER_SPHERE} folders`);
    }
    const id = newId();
    await this.dataSource.transaction(async (manager) => {
      const folder = { id, organisationId: sphere.organisationId, sphereId: sphere.id, parentId, name };
      if (!(await this.folders.insert(folder, auth.userId, manager))) throw DocumentErrors.folderNameTaken();
    });
    return (await this.folders.find(id))!;
  }

  async change(auth: AuthContext, id: string, changes: FolderChanges): Promise<FolderRecord> {
    const access = await this.access.of(auth);
    this.access.allowedOnFolder(access, 'update', await this.folders.find(id));
    const name = changes.name === undefined ? undefined : this.folderName(changes.name);
    await this.dataSource.transaction(async (manager) => {
      const folder = this.access.allowedOnFolder(access, 'update', await this.folders.find(id, manager));
      const parentId = changes.parentId === undefined ? folder.parentId : changes.parentId;
      if (parentId !== null) {
        const parent = await this.folders.find(parentId, manager);
        if (parent?.sphereId !== folder.sphereId) throw DocumentErrors.unknownFolder('parentId');
        if (await this.folders.isWithin(parentId, folder.id, manager)) throw DocumentErrors.folderCycle();
      }
      const moved = await this.folders.update(id, { name: name ?? folder.name, parentId }, manager);
      if (!moved) throw DocumentErrors.folderNameTaken();
    });
    return (await this.folders.find(id))!;
  }

  /** Only an empty folder goes: nothing is ever deleted by accident with it. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    const access = await this.access.of(auth);
    this.access.allowedOnFolder(access, 'delete', await this.folders.find(id));
    await this.dataSource.transaction(async (manager) => {
      this.access.allowedOnFolder(access, 'delete', await this.folders.find(id, manager));
      if (await this.folders.hasContent(id, manager)) throw DocumentErrors.folderNotEmpty();
      await this.folders.delete(id, manager);
    });
  }

  private folderName(raw: string): string {
    const name = normaliseFileName(raw);
    if (name === null) throw DocumentErrors.badName('give the folder a name');
    return name;
  }
}
