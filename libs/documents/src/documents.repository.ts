import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SphereFacts } from '@alveole/access';
import { FastQuery } from '@alveole/core';
import type { DocumentFacts } from './documents.rules';

/** A document with what its checks and its view need. */
export interface DocumentRecord extends DocumentFacts {
  organisationId: string;
  spherePath: string;
  folderId: string | null;
  name: string;
  version: number;
  size: number;
  mimeType: string;
  sha256: string;
  uploaderName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface VersionRecord {
  version: number;
  storageKey: string;
  size: number;
  mimeType: string;
  sha256: string;
  uploadedBy: string | null;
  uploaderName: string | null;
  createdAt: Date;
}

/** The file of a version just stored, to record. */
export interface StoredFile {
  storageKey: string;
  size: number;
  mimeType: string;
  sha256: string;
}

export interface DocumentListQuery {
  sphereId: string;
  /** The reader: hidden and removed documents are listed to their uploader, or to everyone when `moderator`. */
  readerId: string;
  moderator: boolean;
  /** null: the sphere's top level; ignored when searching. */
  folderId: string | null;
  search: string | null;
  limit: number;
  after: { name: string; id: string } | null;
}

const DOCUMENT = `
  SELECT d.id, d.organisation_id AS "organisationId", d.sphere_id AS "sphereId", d.folder_id AS "folderId", d.name,
         d.version, d.size::float8 AS size, d.mime_type AS "mimeType", d.sha256, d.uploaded_by AS "uploadedBy",
         u.display_name AS "uploaderName", d.status, d.created_at AS "createdAt", d.updated_at AS "updatedAt",
         s.archived_at IS NOT NULL AS "sphereArchived", s.path AS "spherePath"
    FROM documents d JOIN spheres s ON s.id = d.sphere_id LEFT JOIN users u ON u.id = d.uploaded_by`;

const VERSION = `
  SELECT v.version, v.storage_key AS "storageKey", v.size::float8 AS size, v.mime_type AS "mimeType", v.sha256,
         v.uploaded_by AS "uploadedBy", u.display_name AS "uploaderName", v.created_at AS "createdAt"
    FROM document_versions v LEFT JOIN users u ON u.id = v.uploaded_by`;

/** Documents and their versions. */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly db: FastQuery) {}

  /** The sphere as the access gate judges it. */
  async sphere(sphereId: string): Promise<SphereFacts | null> {
    const [row] = await this.db.rows<SphereFacts>(
      `SELECT id, organisation_id AS "organisationId", path, visibility, archived_at IS NOT NULL AS archived,
              posting_policy AS "postingPolicy"
         FROM spheres WHERE id = $1`,
      [sphereId],
    );
    return row ?? null;
  }

  /** A document not deleted; with a manager, its row locked until the transaction ends. */
  async find(id: string, manager?: EntityManager): Promise<DocumentRecord | null> {
    const sql = `${DOCUMENT} WHERE d.id = $1 AND d.deleted_at IS NULL`;
    const [row] = manager ? await manager.query(`${sql} FOR UPDATE OF d`, [id]) : await this.db.rows(sql, [id]);
    return (row as DocumentRecord | undefined) ?? null;
  }

  /** A folder's documents by name, or the sphere's whose name matches a search. */
  async list(query: DocumentListQuery): Promise<DocumentRecord[]> {
    const params: unknown[] = [
      query.sphereId,
      query.limit,
      query.after?.name ?? null,
      query.after?.id ?? null,
      query.readerId,
      query.moderator,
    ];
    let where: string;
    if (query.search) {
      params.push(query.search);
      where = `d.search @@ websearch_to_tsquery('simple', $7)`;
    } else {
      params.push(query.folderId);
      where = `d.folder_id IS NOT DISTINCT FROM $7::uuid`;
    }
    return this.db.rows<DocumentRecord>(
      `${DOCUMENT}
        WHERE d.sphere_id = $1 AND d.deleted_at IS NULL AND ${where}
          AND (d.status = 'published' OR d.uploaded_by = $5 OR $6::boolean)
          AND ($3::text IS NULL OR (lower(d.name), d.id) > (lower($3), $4::uuid))
        ORDER BY lower(d.name), d.id LIMIT $2`,
      params,
    );
  }

  async versions(documentId: string): Promise<VersionRecord[]> {
    return this.db.rows<VersionRecord>(`${VERSION} WHERE v.document_id = $1 ORDER BY v.version DESC`, [documentId]);
  }

  /** One version (document_versions_pkey). */
  async version(documentId: string, version: number): Promise<VersionRecord | null> {
    const [row] = await this.db.rows<VersionRecord>(`${VERSION} WHERE v.document_id = $1 AND v.version = $2`, [
      documentId,
      version,
    ]);
    return row ?? null;
  }

  /** Bytes every version of the sphere's documents takes, deleted ones included until purged. */
  async usage(sphereId: string, manager?: EntityManager): Promise<number> {
    const sql = `SELECT coalesce(sum(size), 0)::float8 AS used FROM document_versions WHERE sphere_id = $1`;
    const [row] = manager ? await manager.query(sql, [sphereId]) : await this.db.rows(sql, [sphereId]);
    return (row as { used: number }).used;
  }

  /** One quota decision at a time per sphere: two uploads never both fit in the last free bytes. */
  async lockQuota(sphereId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('documents.quota:' || $1))`, [sphereId]);
  }

  async insert(
    document: { id: string; organisationId: string; sphereId: string; folderId: string | null; name: string },
    file: StoredFile,
    uploadedBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO documents (id, organisation_id, sphere_id, folder_id, name, version, size, mime_type, sha256, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9)`,
      [
        document.id,
        document.organisationId,
        document.sphereId,
        document.folderId,
        document.name,
        file.size,
        file.mimeType,
        file.sha256,
        uploadedBy,
      ],
    );
    await this.insertVersion(document.id, document.sphereId, 1, file, uploadedBy, manager);
  }

  /** The next version becomes the current one (the document's row is locked by the caller). */
  async addVersion(document: DocumentRecord, file: StoredFile, uploadedBy: string, manager: EntityManager) {
    const version = document.version + 1;
    await this.insertVersion(document.id, document.sphereId, version, file, uploadedBy, manager);
    await manager.query(
      `UPDATE documents SET version = $2, size = $3, mime_type = $4, sha256 = $5, uploaded_by = $6, updated_at = now()
        WHERE id = $1`,
      [document.id, version, file.size, file.mimeType, file.sha256, uploadedBy],
    );
  }

  async update(id: string, changes: { name: string; folderId: string | null }, manager: EntityManager) {
    await manager.query(`UPDATE documents SET name = $2, folder_id = $3, updated_at = now() WHERE id = $1`, [
      id,
      changes.name,
      changes.folderId,
    ]);
  }

  async setStatus(id: string, status: DocumentFacts['status'], manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE documents SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
  }

  async softDelete(id: string, deletedBy: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE documents SET deleted_at = now(), deleted_by = $2 WHERE id = $1`, [id, deletedBy]);
  }

  private async insertVersion(
    documentId: string,
    sphereId: string,
    version: number,
    file: StoredFile,
    uploadedBy: string,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO document_versions (document_id, version, sphere_id, storage_key, size, mime_type, sha256, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [documentId, version, sphereId, file.storageKey, file.size, file.mimeType, file.sha256, uploadedBy],
    );
  }
}
