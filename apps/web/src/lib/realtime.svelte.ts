import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../libs/realtime/src/realtime-events';
import { refresh, session, signedOut } from './session.svelte';
import { tokenClaims } from './token-claims';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `connections` counts connections: a page that saw it grow past 1 catches up (`?since=`). */
export const realtime = $state({ connected: false, connections: 0 });

const rooms = new Map<string, number>();
let socket: RealtimeSocket | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;

/** The one typed Socket.IO connection (namespace /realtime), WebSocket first: no long-poll handshake. */
function connection(): RealtimeSocket {
  if (socket) return socket;
  const created: RealtimeSocket = io('/realtime', {
    autoConnect: false,
    // read at each (re)connection: always the current access token
    auth: (give) => give({ token: session.accessToken }),
    transports: ['websocket', 'polling'],
  });
  created.on('connect', () => {
    realtime.connected = true;
    realtime.connections += 1;
    for (const sphereId of rooms.keys()) created.emit('subscribe', { sphereId }, () => undefined);
  });
  created.on('disconnect', () => (realtime.connected = false));
  created.on('session.expired', ({ reason }) => {
    if (reason !== 'expired') return void signedOut();
    // the token ran out before it was renewed (a sleeping laptop): refresh, then connect again
    void refresh().then((ok) => ok && created.connect());
  });
  socket = created;
  return created;
}

/** Follows the session: connects when signed in, renews the socket's token when it is refreshed. */
export function followSession(accessToken: string | null): void {
  clearTimeout(renewTimer);
  if (!accessToken) {
    socket?.disconnect();
    return;
  }
  const live = connection();
  if (!live.connected) live.connect();
  else live.emit('session.renew', { accessToken }, () => undefined);
  // refresh a little before the token expires: the socket and the next request carry on
  const expiresIn = secondsLeft(accessToken);
  if (expiresIn !== undefined) renewTimer = setTimeout(() => void refresh(), Math.max(1, expiresIn - 20) * 1000);
}

function secondsLeft(token: string): number | undefined {
  const exp = tokenClaims(token)?.exp;
  return typeof exp === 'number' ? exp - Date.now() / 1000 : undefined;
}

/** Follows a sphere's room while the caller needs it; returns the function that stops. */
export function followSphere(sphereId: string): () => void {
  rooms.set(sphereId, (rooms.get(sphereId) ?? 0) + 1);
  const live = connection();
  if (live.connected && rooms.get(sphereId) === 1) live.emit('subscribe', { sphereId }, () => undefined);
  return () => {
    const left = (rooms.get(sphereId) ?? 1) - 1;
    if (left > 0) return void rooms.set(sphereId, left);
    rooms.delete(sphereId);
    if (live.connected) live.emit('unsubscribe', { sphereId }, () => undefined);
  };
}

/** Listens to a server event; returns the function that stops. */
export function listen<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): () => void {
  const live = connection();
  live.on(event, handler as never);
  return () => void live.off(event, handler as never);
}
