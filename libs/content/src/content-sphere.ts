import type { SphereFacts } from '@alveole/access';

/** The sphere as content rules see it, with the reader's join date (for hidden history). */
export interface ContentSphere extends SphereFacts {
  postingPolicy: 'members' | 'animators';
  moderationMode: 'post' | 'pre' | 'pre_for_newcomers';
  historyVisibleToNewcomers: boolean;
  /** When the reader joined (null when they are not a member). */
  joinedAt: Date | null;
}

/** The oldest post the reader may see: their join date when the sphere hides its history. */
export function oldestVisible(sphere: ContentSphere): Date | string {
  return sphere.historyVisibleToNewcomers || !sphere.joinedAt ? '-infinity' : sphere.joinedAt;
}
