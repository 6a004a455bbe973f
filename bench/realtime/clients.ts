import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';

/*
 * The socket.io clients of bench:realtime, all in the bench process: one connection each (forceNew, no
 * multiplexing), websocket only, connected and subscribed in batches so a 2-core machine does not time
 * out under a burst of 1,000 handshakes. Every client reports each `post.created` to a DeliveryTracker.
 */

export interface PostPayload {
  id: string;
  body: string;
  [key: string]: unknown;
}

export interface Delivery {
  /** performance.now() when the first and the last client got the post (last: null when some never did). */
  firstAt: number | null;
  lastAt: number | null;
  received: number;
  duplicates: number;
  payload: PostPayload | null;
}

interface Pending {
  seen: Uint8Array;
  delivery: Delivery;
  resolve: (delivery: Delivery) => void;
  timer: NodeJS.Timeout;
}

/** Counts, per post body, how many distinct clients got it and when the last one did. */
export class DeliveryTracker {
  private readonly pending = new Map<string, Pending>();
  /** Posts that arrived after their wait ended, or that nobody waited for. */
  strays = 0;

  constructor(private readonly clients: number) {}

  /** Resolves when every client got the post whose body is `body`, or at the timeout (incomplete). */
  expect(body: string, timeoutMs: number): Promise<Delivery> {
    return new Promise((resolve) => {
      const delivery: Delivery = { firstAt: null, lastAt: null, received: 0, duplicates: 0, payload: null };
      const timer = setTimeout(() => this.settle(body), timeoutMs);
      this.pending.set(body, { seen: new Uint8Array(this.clients), delivery, resolve, timer });
    });
  }

  deliver(client: number, post: PostPayload): void {
    const now = performance.now();
    const pending = this.pending.get(post.body);
    if (!pending) {
      this.strays++;
      return;
    }
    const { delivery, seen } = pending;
    if (seen[client] === 1) {
      delivery.duplicates++;
      return;
    }
    seen[client] = 1;
    delivery.received++;
    delivery.firstAt ??= now;
    delivery.payload ??= post;
    if (delivery.received === this.clients) {
      delivery.lastAt = now;
      this.settle(post.body);
    }
  }

  private settle(body: string): void {
    const pending = this.pending.get(body);
    if (!pending) return;
    this.pending.delete(body);
    clearTimeout(pending.timer);
    pending.resolve(pending.delivery);
  }
}

export interface ClientPool {
  size: number;
  tracker: DeliveryTracker;
  /** Wall time to connect and subscribe every client. */
  connectMs: number;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Client i connects to urls[i % urls.length]: with two nodes, half on each. */
  urls: string[];
  tokens: string[];
  sphereId: string;
  batch: number;
  timeoutMs?: number;
}

export async function connectClients(options: PoolOptions): Promise<ClientPool> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const sockets: Socket[] = [];
  const close = async () => {
    for (const socket of sockets) socket.disconnect();
    // let the servers run their disconnect handlers before the next measurement starts
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  };
  const tracker = new DeliveryTracker(options.tokens.length);
  const startedAt = performance.now();
  try {
    for (let start = 0; start < options.tokens.length; start += options.batch) {
      const indexes = Array.from(
        { length: Math.min(options.batch, options.tokens.length - start) },
        (_, k) => start + k,
      );
      const batch = indexes.map((i) => openSocket(i, options, tracker, timeoutMs));
      sockets.push(...batch);
      await Promise.all(batch.map((socket, k) => connected(socket, indexes[k])));
      await Promise.all(batch.map((socket) => subscribe(socket, options.sphereId, timeoutMs)));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { size: sockets.length, tracker, connectMs: performance.now() - startedAt, close };
}

function openSocket(index: number, options: PoolOptions, tracker: DeliveryTracker, timeoutMs: number): Socket {
  const socket = io(`${options.urls[index % options.urls.length]}/realtime`, {
    transports: ['websocket'],
    auth: { token: options.tokens[index] },
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
  });
  socket.on('post.created', (post: PostPayload) => tracker.deliver(index, post));
  return socket;
}

function connected(socket: Socket, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(new Error(`client ${index}: connect_error ${error.message}`)));
  });
}

async function subscribe(socket: Socket, sphereId: string, timeoutMs: number): Promise<void> {
  const ack = (await socket.timeout(timeoutMs).emitWithAck('subscribe', { sphereId })) as {
    ok: boolean;
    error?: string;
  };
  if (!ack?.ok) throw new Error(`subscribe ${sphereId}: ${JSON.stringify(ack)}`);
}
