import { io, Socket } from 'socket.io-client';

/** The events a sphere's room carries (docs/api.md "Realtime"), recorded by `EventLog`. */
export const SPHERE_EVENTS = [
  'post.created',
  'post.updated',
  'post.removed',
  'comment.created',
  'comment.removed',
  'reaction.changed',
];

export interface Ack {
  ok: boolean;
  error?: string;
}

/** A socket on the /realtime namespace of an api node, as a client would open it. */
export function openSocket(url: string, token?: string): Socket {
  return io(`${url}/realtime`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves on connect; rejects with the connect error. */
export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Resolves with the connect error; rejects if the server lets the socket in. */
export function refused(socket: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected although it should have been refused')));
    socket.once('connect_error', resolve);
  });
}

export function subscribe(socket: Socket, sphereId: string): Promise<Ack> {
  return socket.timeout(5_000).emitWithAck('subscribe', { sphereId }) as Promise<Ack>;
}

export function unsubscribe(socket: Socket, sphereId: string): Promise<Ack> {
  return socket.timeout(5_000).emitWithAck('unsubscribe', { sphereId }) as Promise<Ack>;
}

/** The next `event` whose payload satisfies `match`. */
export function nextEvent<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const listener = (payload: T) => {
      if (!match(payload)) return;
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

export interface Received {
  event: string;
  payload: Record<string, unknown>;
}

/** Everything of `events` a socket receives, in order. */
export class EventLog {
  readonly received: Received[] = [];

  constructor(socket: Socket, events: string[] = SPHERE_EVENTS) {
    for (const event of events)
      socket.on(event, (payload: Record<string, unknown>) => this.received.push({ event, payload }));
  }

  /** `event name:post id` of what arrived since `from` (the post id is `id` or `postId`). */
  summary(from = 0): string[] {
    return this.received
      .slice(from)
      .map(({ event, payload }) => `${event}:${String(payload.postId ?? payload.id ?? '')}`);
  }
}
