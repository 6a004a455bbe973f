import { AccessRules, defineSubject } from '@alveole/access';

/** A member's notification preference in one sphere. */
export interface NotificationPreferenceFacts {
  sphereId: string;
}

declare module '@alveole/access' {
  interface AccessSubjects {
    NotificationPreference: NotificationPreferenceFacts;
  }
}

export const notificationPreferenceSubject = defineSubject('NotificationPreference');

/**
 * Notifications: each person reads and marks their own (the routes are scoped to the caller); a
 * preference is set in a sphere whose content one reads (active or muted member): only they are notified.
 */
export const notificationRules: AccessRules = {
  name: 'notifications',
  define(profile, sets, { can, cannot }) {
    // an instance admin hears of a sphere only as its member, like anyone
    if (profile.instanceRole === 'instance_admin') cannot('manage', 'NotificationPreference');
    can(['read', 'update'], 'NotificationPreference', { sphereId: { $in: sets.reading } });
  },
};
