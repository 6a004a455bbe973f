import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Problem } from './api/client';
import type { components } from './api/schema';
import { refresh, session } from './session.svelte';

export type Notification = components['schemas']['NotificationResponse'];
export type Level = components['schemas']['PreferenceResponse']['level'];
export type Settings = components['schemas']['SettingsResponse'];

export const LEVELS: Level[] = ['all', 'mentions_and_announcements', 'daily_digest', 'weekly_digest', 'none'];

const LEVEL_NAMES: Record<Level, () => string> = {
  all: m.pref_all,
  mentions_and_announcements: m.pref_mentions_and_announcements,
  daily_digest: m.pref_daily_digest,
  weekly_digest: m.pref_weekly_digest,
  none: m.pref_none,
};

export function levelName(level: Level): string {
  return LEVEL_NAMES[level]();
}

type Sentence = (inputs: { actor: string; sphere: string }) => string;
const SENTENCES: Record<string, Sentence> = {
  post: m.nk_post,
  important_post: m.nk_important_post,
  mention: m.nk_mention,
  comment: m.nk_comment,
  reply: m.nk_reply,
  join_request: m.nk_join_request,
  join_request_decided: m.nk_join_request_decided,
  sphere_request: m.nk_sphere_request,
  sphere_request_decided: m.nk_sphere_request_decided,
  moderation_outcome: m.nk_moderation_outcome,
  case_escalated: m.nk_case_escalated,
  role_granted: m.nk_role_granted,
  role_revoked: m.nk_role_revoked,
  mandate_ending: m.nk_mandate_ending,
  charter_updated: m.nk_charter_updated,
};

/** The item as a sentence in the reader's language: who did what, where. */
export function sentence(item: Pick<Notification, 'kind' | 'actorName' | 'sphereName'>): string {
  const say = SENTENCES[item.kind] ?? m.nk_other;
  return say({ actor: item.actorName ?? m.notif_someone(), sphere: item.sphereName ?? m.notif_a_sphere() });
}

/** Where the item leads: the page where its subject is read or acted upon. */
export function subjectLink(item: Notification): string {
  const sphere = item.sphereId ? `/spheres/${item.sphereId}` : null;
  const organisation = item.organisationId ? `/organisations/${item.organisationId}` : null;
  switch (item.kind) {
    case 'join_request':
      return sphere ? `${sphere}/moderate` : '/';
    case 'sphere_request':
      return organisation ? `${organisation}/manage#requests-title` : '/';
    case 'moderation_outcome':
      return '/me/outcomes';
    case 'case_escalated':
      return organisation ? `${organisation}/moderation` : '/';
    case 'sphere_request_decided':
    case 'role_granted':
    case 'role_revoked':
      return sphere ?? organisation ?? '/';
    case 'mandate_ending':
    case 'charter_updated':
      return organisation ?? '/';
    default:
      return sphere ?? '/';
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
];

/** "5 minutes ago" within a week, else the date and time in the reader's language. */
export function when(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  const seconds = Math.round((date.getTime() - now) / 1000);
  const locale = getLocale();
  if (seconds > -7 * 86_400) {
    const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    if (seconds > -60) return format.format(0, 'second');
    const [unit, size] = [...UNITS].reverse().find(([, s]) => -seconds >= s) ?? UNITS[0];
    return format.format(Math.round(seconds / size), unit);
  }
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * Calls to the routes not yet in schema.d.ts (push subscriptions, unsubscribe), typed by hand: once
 * they are generated, `api.GET(...)` replaces each function below and this wrapper goes.
 */
export interface Answer<T> {
  data?: T;
  problem?: Problem;
  status: number;
}

async function call<T>(method: string, path: string, body?: unknown, retried = false): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (session.accessToken) headers.authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && session.accessToken && !retried && (await refresh())) {
    return call(method, path, body, true);
  }
  if (response.status === 204) return { status: 204 };
  const json: unknown = await response.json().catch(() => undefined);
  return response.ok
    ? { data: json as T, status: response.status }
    : { problem: json as Problem, status: response.status };
}

export interface PushDevice {
  id: string;
  device: string;
  createdAt: string;
}

export interface Unsubscription {
  sphereId: string;
  sphereName: string;
  level: Level;
}

export const notificationsApi = {
  vapidKey: () => call<{ publicKey: string }>('GET', '/api/v1/push/vapid-public-key'),
  devices: () => call<{ items: PushDevice[] }>('GET', '/api/v1/me/push-subscriptions'),
  subscribe: (body: { endpoint: string; keys: { p256dh: string; auth: string }; device: string }) =>
    call<PushDevice>('POST', '/api/v1/me/push-subscriptions', body),
  removeDevice: (id: string) => call<void>('DELETE', `/api/v1/me/push-subscriptions/${encodeURIComponent(id)}`),
  unsubscription: (token: string) => call<Unsubscription>('GET', `/api/v1/unsubscribe/${encodeURIComponent(token)}`),
  unsubscribe: (token: string) => call<Unsubscription>('POST', `/api/v1/unsubscribe/${encodeURIComponent(token)}`),
};

/** A bad or spent unsubscribe token: 404 (problem type `…/invalid-unsubscribe-token`). */
export function invalidToken(answer: Answer<unknown>): boolean {
  return answer.status === 404;
}
