import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';

/**
 * Sockets of sample recipients, one per range of 1,000 in user-id order (the first of each): the fan-out's
 * emits are done when every one of them has heard `notification.created` about the post. Their access
 * tokens are signed with the run's JWT secret (seeded members have no password to log in with).
 */
export class SampleListeners {
  private readonly heard = new Map<string, Set<string>>();

  private constructor(private readonly sockets: Socket[]) {}

  static async open(url: string, db: Client, sphereId: string, authorId: string, jwtSecret: string) {
    const { rows } = await db.query<{ user_id: string }>(
      `SELECT user_id FROM (
         SELECT user_id, row_number() OVER (ORDER BY user_id) AS n FROM memberships WHERE sphere_id = $1 AND user_id <> $2
       ) numbered WHERE n % 1000 = 1`,
      [sphereId, authorId],
    );
    const sockets = await Promise.all(rows.map((row) => connect(url, accessToken(row.user_id, jwtSecret))));
    const listeners = new SampleListeners(sockets);
    for (const socket of sockets) {
      socket.on('notification.created', (notification: { subject: { id: string } }) => {
        const heard = listeners.heard.get(notification.subject.id) ?? new Set<string>();
        heard.add(socket.id ?? '');
        listeners.heard.set(notification.subject.id, heard);
      });
    }
    return listeners;
  }

  get size(): number {
    return this.sockets.length;
  }

  allHeard(postId: string): boolean {
    return (this.heard.get(postId)?.size ?? 0) === this.sockets.length;
  }

  close(): void {
    for (const socket of this.sockets) socket.disconnect();
  }
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/realtime`, { auth: { token }, transports: ['websocket'], forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** An HS256 access token as the api issues them (sub, exp). */
function accessToken(userId: string, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: userId, exp: Math.floor(Date.now() / 1000) + 86_400 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
