import { api } from './api/client';
import type { components } from './api/schema';
import { onSignOut } from './session.svelte';

export type Me = components['schemas']['MeResponse'];

/** Who I am, my organisations and my spheres (GET /me), read once per sign-in and on demand. */
export const me = $state<{ current: Me | null }>({ current: null });

export async function loadMe(): Promise<Me | null> {
  const { data } = await api.GET('/api/v1/me');
  me.current = data ?? null;
  return me.current;
}

onSignOut(() => (me.current = null));

/** My membership of a sphere, if any. */
export function mySphere(sphereId: string) {
  return me.current?.spheres.find((sphere) => sphere.sphereId === sphereId);
}

/** The names of my spheres by id (to label posts in the home feed). */
export function sphereNames(): Record<string, string> {
  return Object.fromEntries((me.current?.spheres ?? []).map((sphere) => [sphere.sphereId, sphere.name]));
}
