import { notificationsApi, type PushDevice } from './notifications';

/** The id of this browser profile's push subscription at the api, if any. */
const KEY = 'alveole.pushSubscription';

export const pushSupported = (): boolean =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;

export function thisDevice(): string | null {
  return localStorage.getItem(KEY);
}

/** A short name for this device, from the browser's own description. */
function deviceName(): string {
  const agent = navigator.userAgent;
  const browser = /Firefox|Edg|Chrome|Safari/.exec(agent)?.[0] ?? 'Browser';
  const system = /Android|iPhone|iPad|Windows|Mac OS|Linux/.exec(agent)?.[0] ?? '';
  return `${browser === 'Edg' ? 'Edge' : browser}${system ? ` (${system})` : ''}`;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

export type EnableResult = 'enabled' | 'denied' | 'unavailable' | 'failed';

/** Asks the browser's permission, subscribes with the api's VAPID key, and records this device at the api. */
export async function enablePush(): Promise<EnableResult> {
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const key = await notificationsApi.vapidKey();
  if (!key.data) return 'unavailable';
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(key.data.publicKey),
  });
  const json = subscription.toJSON();
  const created = await notificationsApi.subscribe({
    endpoint: subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
    device: deviceName(),
  });
  if (!created.data) return 'failed';
  localStorage.setItem(KEY, created.data.id);
  return 'enabled';
}

/** Stops pushes to a device; this one's browser subscription ends too. False when the api refused. */
export async function disablePush(device: Pick<PushDevice, 'id'>): Promise<boolean> {
  const answer = await notificationsApi.removeDevice(device.id);
  if (answer.status !== 204 && answer.status !== 404) return false;
  if (device.id === thisDevice()) await forgetLocally();
  return true;
}

/**
 * At sign-out (while the token still works): this device stops receiving the user's pushes, so the
 * next person to sign in on this browser never sees them.
 */
export async function forgetThisDevice(): Promise<void> {
  const id = thisDevice();
  if (!id || !pushSupported()) return;
  await notificationsApi.removeDevice(id).catch(() => undefined);
  await forgetLocally();
}

async function forgetLocally(): Promise<void> {
  localStorage.removeItem(KEY);
  const registration = await navigator.serviceWorker?.getRegistration();
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}
