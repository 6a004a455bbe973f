import { Injectable } from '@nestjs/common';
import { AccessGate, Action, AuthContext, CallerAccess, SphereFacts, sphereSubject } from '@alveole/access';
import { DocumentRecord } from './documents.repository';
import { documentSubject, folderSubject } from './documents.rules';
import { FolderRecord } from './folders.repository';

/** The documents context's questions to the access gate, in the words of its own records. */
@Injectable()
export class DocumentsAccess {
  constructor(private readonly gate: AccessGate) {}

  of(auth: AuthContext): Promise<CallerAccess> {
    return this.gate.of(auth);
  }

  /** A sphere whose content the caller reads: 404 when they may not see it, 403 when they only see it. */
  readableSphere(access: CallerAccess, sphere: SphereFacts | null): SphereFacts {
    const seen = this.gate.visible(access, sphere, sphereSubject, 'Sphere');
    this.gate.assert(access, 'read_content', sphereSubject(seen));
    return seen;
  }

  /** Adding a document or a folder is posting in the sphere (archived, muted, announcement, charter). */
  assertMayAdd(access: CallerAccess, sphere: SphereFacts): void {
    this.gate.assert(access, 'post', sphereSubject(sphere));
  }

  readableDocument(access: CallerAccess, document: DocumentRecord | null): DocumentRecord {
    return this.gate.visible(access, document, documentSubject, 'Document');
  }

  allowedOnDocument(access: CallerAccess, action: Action, document: DocumentRecord | null): DocumentRecord {
    return this.gate.allowed(access, action, document, documentSubject, 'Document');
  }

  /** Does the caller see everyone's hidden and removed documents in this sphere (its animators)? */
  seesModerated(access: CallerAccess, sphere: SphereFacts): boolean {
    const someoneElses = { id: '', sphereId: sphere.id, uploadedBy: '', status: 'hidden' as const };
    return access.ability.can('read', documentSubject({ ...someoneElses, sphereArchived: sphere.archived }));
  }

  mayChange(access: CallerAccess, document: DocumentRecord): boolean {
    return access.ability.can('update', documentSubject(document));
  }

  allowedOnFolder(access: CallerAccess, action: Action, folder: FolderRecord | null): FolderRecord {
    return this.gate.allowed(access, action, folder, folderSubject, 'Folder');
  }
}
