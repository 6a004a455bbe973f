import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery } from '@alveole/core';
import type { FolderFacts } from './documents.rules';

export interface FolderRecord extends FolderFacts {
  organisationId: string;
  parentId: string | null;
  name: string;
  createdAt: Date;
  /** Documents directly in it, not deleted. */
  documentCount: number;
}

const FOLDER = `
  SELECT f.id, f.organisation_id AS "organisationId", f.sphere_id AS "sphereId", f.parent_id AS "parentId", f.name,
         f.created_by AS "createdBy", f.created_at AS "createdAt", s.archived_at IS NOT NULL AS "sphereArchived",
         (SELECT count(*)::int FROM documents d WHERE d.folder_id = f.id AND d.deleted_at IS NULL) AS "documentCount"
    FROM document_folders f JOIN spheres s ON s.id = f.sphere_id`;

/** The folders of a sphere's documents (a tree by parent). */
@Injectable()
export class FoldersRepository {
  constructor(private readonly db: FastQuery) {}

  async find(id: string, manager?: EntityManager): Promise<FolderRecord | null> {
    const sql = `${FOLDER} WHERE f.id = $1`;
    const [row] = manager ? await manager.query(`${sql} FOR UPDATE OF f`, [id]) : await this.db.rows(sql, [id]);
    return (row as FolderRecord | undefined) ?? null;
  }

  /** Every folder of the sphere, by name (a few hundred at most: the client builds the tree). */
  async list(sphereId: string): Promise<FolderRecord[]> {
    return this.db.rows<FolderRecord>(`${FOLDER} WHERE f.sphere_id = $1 ORDER BY lower(f.name), f.id LIMIT 1000`, [
      sphereId,
    ]);
  }

  async count(sphereId: string): Promise<number> {
    const [row] = await this.db.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM document_folders WHERE sphere_id = $1`,
      [sphereId],
    );
    return row.n;
  }

  /** False when the name is taken at that place (the unique index decides, race-free). */
  async insert(
    folder: { id: string; organisationId: string; sphereId: string; parentId: string | null; name: string },
    createdBy: string,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO document_folders (id, organisation_id, sphere_id, parent_id, name, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [folder.id, folder.organisationId, folder.sphereId, folder.parentId, folder.name, createdBy],
    );
    return rows.length === 1;
  }

  /** False when the name is taken at the new place. */
  async update(id: string, changes: { name: string; parentId: string | null }, manager: EntityManager) {
    const taken: unknown[] = await manager.query(
      `SELECT 1 FROM document_folders f, document_folders me
        WHERE me.id = $1 AND f.sphere_id = me.sphere_id AND f.id <> me.id
          AND f.parent_id IS NOT DISTINCT FROM $3::uuid AND lower(f.name) = lower($2)`,
      [id, changes.name, changes.parentId],
    );
    if (taken.length > 0) return false;
    await manager.query(`UPDATE document_folders SET name = $2, parent_id = $3, updated_at = now() WHERE id = $1`, [
      id,
      changes.name,
      changes.parentId,
    ]);
    return true;
  }

  /** Is `candidate` the folder itself or one of the folders under it? */
  async isWithin(candidate: string, folderId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id FROM document_folders WHERE id = $1
         UNION ALL SELECT f.id, f.parent_id FROM document_folders f JOIN up ON f.id = up.parent_id)
       SELECT 1 FROM up WHERE id = $2`,
      [candidate, folderId],
    );
    return rows.length > 0;
  }

  /** Holds documents (deleted ones kept for their retention included) or folders. */
  async hasContent(id: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM documents WHERE folder_id = $1 AND deleted_at IS NULL
       UNION ALL SELECT 1 FROM document_folders WHERE parent_id = $1 LIMIT 1`,
      [id],
    );
    return rows.length > 0;
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    // deleted documents waiting for their purge leave the folder with it
    await manager.query(`UPDATE documents SET folder_id = NULL WHERE folder_id = $1 AND deleted_at IS NOT NULL`, [id]);
    await manager.query(`DELETE FROM document_folders WHERE id = $1`, [id]);
  }
}
