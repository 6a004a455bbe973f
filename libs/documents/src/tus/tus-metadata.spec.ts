import { AppException } from '@alveole/core';
import { keptMetadata, ownerOf, readIntent } from './tus-metadata';

const SPHERE = '0190f5b0-0000-7000-8000-000000000001';
const FOLDER = '0190f5b0-0000-7000-8000-000000000002';
const DOCUMENT = '0190f5b0-0000-7000-8000-000000000003';

function refusal(attempt: () => unknown): AppException {
  try {
    attempt();
  } catch (error) {
    return error as AppException;
  }
  throw new Error('expected a refusal');
}

describe('tus metadata', () => {
  it('reads a new document in a sphere folder, and a new version of a document', () => {
    expect(
      readIntent({ sphereId: SPHERE, folderId: FOLDER, filename: 'a.pdf', filetype: 'application/pdf' }, 12),
    ).toEqual({
      target: { sphereId: SPHERE, folderId: FOLDER },
      declared: { name: 'a.pdf', type: 'application/pdf', size: 12 },
    });
    // a version stays in its document's sphere and folder, whatever else is said
    expect(readIntent({ documentId: DOCUMENT, sphereId: SPHERE, filename: 'a.pdf', filetype: '' }, 3)).toEqual({
      target: { documentId: DOCUMENT },
      declared: { name: 'a.pdf', type: 'application/octet-stream', size: 3 },
    });
    expect(readIntent({ sphereId: SPHERE, folderId: null, filename: 'a.txt' }, 0).target).toEqual({
      sphereId: SPHERE,
      folderId: null,
    });
  });

  it('refuses, field by field, what cannot name a target or a file', () => {
    const sut = refusal(() => readIntent({ sphereId: 'not-a-uuid', filename: 'a\u0000b' }, 1));
    expect(sut.status).toBe(422);
    expect(sut.errors).toEqual([
      { field: 'metadata.sphereId', message: 'must be a UUID' },
      { field: 'metadata.filename', message: 'must not contain NUL characters' },
    ]);
    expect(refusal(() => readIntent({ filename: 'a.pdf' }, 1)).errors).toEqual([
      { field: 'metadata.sphereId', message: 'is required (or documentId, for a new version)' },
    ]);
    expect(refusal(() => readIntent(undefined, 1)).errors).toHaveLength(2);
  });

  it('keeps the known keys and the owner the server says, never the client', () => {
    const sut = keptMetadata({ sphereId: SPHERE, filename: 'a.pdf', ownerId: 'someone-else', extra: 'x' }, 'me');
    expect(sut).toEqual({ sphereId: SPHERE, filename: 'a.pdf', ownerId: 'me' });
    expect(ownerOf(sut)).toBe('me');
    expect(ownerOf({ ownerId: '' })).toBeNull();
    expect(ownerOf(undefined)).toBeNull();
  });
});
