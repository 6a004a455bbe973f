import { api } from './api/client';
import { listen } from './realtime.svelte';
import { onSignOut } from './session.svelte';

/** The unread count of the bell: read at sign-in and on each reconnection, then kept live. */
export const bell = $state<{ unread: number | null }>({ unread: null });

export async function loadUnread(): Promise<void> {
  const { data } = await api.GET('/api/v1/notifications/unread-count');
  if (data) bell.unread = data.unreadCount;
}

/** Follows the live events that change the count; returns the function that stops. */
export function followUnread(): () => void {
  const stops = [
    listen('notification.created', () => {
      if (bell.unread !== null) bell.unread += 1;
    }),
    listen('notification.read', ({ unreadCount }) => (bell.unread = unreadCount)),
  ];
  return () => stops.forEach((stop) => stop());
}

onSignOut(() => (bell.unread = null));
