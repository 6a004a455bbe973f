import { AccessErrors, AccessRules, defineSubject, reshape, subjectNameOf } from '@alveole/access';

/** The record shape the document rules look at. */
export interface DocumentFacts {
  id: string;
  sphereId: string;
  /** null: uploaded by a former member (kept after an erasure). */
  uploadedBy: string | null;
  /** Moderation: a hidden or removed document is seen by its uploader and the sphere's animators only. */
  status: 'published' | 'hidden' | 'removed';
  sphereArchived: boolean;
}

/** A folder of a sphere's documents. */
export interface FolderFacts {
  id: string;
  sphereId: string;
  createdBy: string;
  sphereArchived: boolean;
}

declare module '@alveole/access' {
  interface AccessSubjects {
    Document: DocumentFacts;
    DocumentFolder: FolderFacts;
  }
}

export const documentSubject = defineSubject('Document');
export const folderSubject = defineSubject('DocumentFolder');

const SUBJECTS = ['Document', 'DocumentFolder'] as const;

/**
 * Documents are a sphere's content: its readers read them (a hidden or removed one, only its uploader
 * and the animators); adding one (an upload, a folder) is
 * posting there (`post` on the sphere, with its reasons: muted, announcement sphere, charter); the
 * uploader or the folder's creator changes or deletes their own while they may still post, the
 * sphere's animators any. Instance admins have rights only through their memberships, like anyone.
 */
export const documentRules: AccessRules = {
  name: 'documents',
  define(profile, sets, { can, cannot }) {
    const me = profile.userId;
    if (profile.instanceRole === 'instance_admin') cannot('manage', [...SUBJECTS]);
    can('read', 'Document', { sphereId: { $in: sets.reading }, status: 'published' });
    can('read', 'Document', { sphereId: { $in: sets.reading }, uploadedBy: me });
    can('read', 'DocumentFolder', { sphereId: { $in: sets.reading } });
    can('read', [...SUBJECTS], { sphereId: { $in: sets.moderating } });
    can(['update', 'delete'], 'Document', { sphereId: { $in: sets.posting }, uploadedBy: me });
    can(['update', 'delete'], 'DocumentFolder', { sphereId: { $in: sets.posting }, createdBy: me });
    can(['update', 'delete'], [...SUBJECTS], { sphereId: { $in: sets.moderating } });
  },
  restrict(_profile, _sets, { cannot }) {
    cannot(['update', 'delete'], [...SUBJECTS], { sphereArchived: true });
  },
  reasons: [
    ({ ability, action, subject }) =>
      SUBJECTS.includes(subjectNameOf(subject) as (typeof SUBJECTS)[number]) &&
      subject.sphereArchived === true &&
      ability.can(action, reshape(subject, { sphereArchived: false }))
        ? AccessErrors.archived()
        : undefined,
  ],
};
