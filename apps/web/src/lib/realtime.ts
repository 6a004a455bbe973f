import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../../libs/realtime/src/realtime-events';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The typed Socket.IO connection (namespace /realtime), WebSocket first: no long-poll handshake. */
export function connectRealtime(token: string): RealtimeSocket {
  return io('/realtime', { auth: { token }, transports: ['websocket', 'polling'] });
}
