import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import { toDocumentPayload, uploaderOf } from '../documents.events';
import type { VersionRecord } from '../documents.repository';
import type { DocumentForCaller } from '../documents.service';
import type { FolderRecord } from '../folders.repository';

export class UploaderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the top level' })
  folderId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: "the current version's size, in bytes" }) size: number;
  @ApiProperty({ description: 'the type the bytes show (sniffed), e.g. application/pdf' }) mimeType: string;
  @ApiProperty({ description: "hex SHA-256 of the current version's bytes (its ETag)" }) sha256: string;
  @ApiProperty({ minimum: 1 }) version: number;
  @ApiProperty({
    enum: ['published', 'hidden', 'removed'],
    description: 'hidden or removed by moderation: seen by its uploader and the animators only',
  })
  status: 'published' | 'hidden' | 'removed';
  @ApiProperty({
    type: UploaderResponse,
    nullable: true,
    description: 'who uploaded the current version; null: a former member',
  })
  uploadedBy: UploaderResponse | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
  @ApiProperty({ description: 'the caller may rename, move, add a version and delete it' }) removable: boolean;
}

export class DocumentPage extends PageOf(DocumentResponse) {}

export class VersionResponse {
  @ApiProperty({ minimum: 1 }) version: number;
  @ApiProperty() size: number;
  @ApiProperty() mimeType: string;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: UploaderResponse, nullable: true, description: 'null: a former member' })
  uploadedBy: UploaderResponse | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class VersionList {
  @ApiProperty({ type: [VersionResponse], description: 'newest first' }) items: VersionResponse[];
}

export class FolderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: at the top level' })
  parentId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'documents directly in it' }) documentCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class FolderList {
  @ApiProperty({ type: [FolderResponse], description: 'every folder of the sphere, by name' }) items: FolderResponse[];
}

/** The document as the sphere sees it live, with what this caller may do to it. */
export function toDocumentResponse(document: DocumentForCaller): DocumentResponse {
  return { ...toDocumentPayload(document), removable: document.removable };
}

export function toVersionResponse(version: VersionRecord): VersionResponse {
  return {
    version: version.version,
    size: version.size,
    mimeType: version.mimeType,
    sha256: version.sha256,
    uploadedBy: uploaderOf(version.uploadedBy, version.uploaderName),
    createdAt: version.createdAt.toISOString(),
  };
}

export function toFolderResponse(folder: FolderRecord): FolderResponse {
  return {
    id: folder.id,
    sphereId: folder.sphereId,
    parentId: folder.parentId,
    name: folder.name,
    documentCount: folder.documentCount,
    createdAt: folder.createdAt.toISOString(),
  };
}
