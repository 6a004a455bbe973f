import { api } from './api/client';

export interface MentionCandidate {
  userId: string;
  displayName: string;
}

const cache = new Map<string, Promise<MentionCandidate[]>>();

/** The sphere's active members (first 200), read once per sphere: completion filters them locally. */
export function sphereMembers(sphereId: string): Promise<MentionCandidate[]> {
  let members = cache.get(sphereId);
  if (!members) {
    members = readMembers(sphereId);
    cache.set(sphereId, members);
  }
  return members;
}

async function readMembers(sphereId: string): Promise<MentionCandidate[]> {
  const found: MentionCandidate[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await api.GET('/api/v1/spheres/{sphereId}/members', {
      params: { path: { sphereId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) break;
    found.push(...data.items.filter((member) => member.status === 'active'));
    cursor = data.nextCursor ?? undefined;
  } while (cursor && found.length < 200);
  return found.map(({ userId, displayName }) => ({ userId, displayName }));
}

/** The `@name` being typed just before the caret, if any: `start` is the index of the `@`. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | undefined {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,30}(?: [^\s@]{0,30})?)$/.exec(before);
  if (!match) return undefined;
  return { start: caret - match[2].length - 1, query: match[2].toLowerCase() };
}
