import { Inject, Logger, Optional } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { MetricsService } from '@alveole/core';
import { REALTIME_NAMESPACE, Rooms } from './rooms';
import { AccessTokenVerifier, TokenSession } from '@alveole/identity';
import type { ServerEventPayload, SessionRenewAck } from './realtime-events';
import { SUBSCRIPTION_POLICY, SubscriptionDecision, SubscriptionPolicy } from './subscription-policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** setTimeout's longest delay; a token living longer is simply re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
type Ack = { ok: true } | { ok: false; error: string };

export interface AuthenticatedSocket extends Socket {
  data: TokenSession & { expiry?: NodeJS.Timeout };
}

/**
 * Socket.IO namespace /realtime. The handshake must carry `auth.token` (an access JWT of a login that
 * was not signed out); a bad or missing token is a connect error. Each socket joins its user's room
 * and its session's room (the refresh family), and ends with `session.expired` when its token expires,
 * unless renewed on the socket with `session.renew`. Logout, revocation and account deletion end it
 * at once through the publisher (identity's domain events).
 */
// CORS and the allowed origins come from the api's configuration (its Socket.IO adapter)
@WebSocketGateway({ namespace: REALTIME_NAMESPACE })
export class RealtimeGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<AuthenticatedSocket>, OnGatewayDisconnect
{
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  namespace: Namespace;

  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly metrics: MetricsService,
    @Optional() @Inject(SUBSCRIPTION_POLICY) private readonly policy: SubscriptionPolicy | undefined,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      if (typeof token !== 'string' || token.length === 0) return next(new Error('unauthorized'));
      this.tokens.session(token).then(
        (session) => {
          if (!session) return next(new Error('unauthorized'));
          Object.assign(socket.data, session);
          next();
        },
        (error: unknown) => {
          this.logger.warn(`socket authentication failed: ${String(error)}`);
          next(new Error('unauthorized'));
        },
      );
    });
  }

  async handleConnection(socket: AuthenticatedSocket): Promise<void> {
    const { auth, sessionId } = socket.data;
    await socket.join(sessionId ? [Rooms.user(auth.userId), Rooms.session(sessionId)] : Rooms.user(auth.userId));
    this.armExpiry(socket);
    this.metrics.socketsConnected.inc();
  }

  handleDisconnect(socket: AuthenticatedSocket): void {
    clearTimeout(socket.data.expiry);
    this.metrics.socketsConnected.dec();
  }

  /** A fresh access token of the same user keeps the socket past the expiry of the one it connected with. */
  @SubscribeMessage('session.renew')
  async renew(@ConnectedSocket() socket: AuthenticatedSocket, @MessageBody() body: unknown): Promise<SessionRenewAck> {
    const token = (body as { accessToken?: unknown } | null)?.accessToken;
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192)
      return { ok: false, error: 'invalid-request' };
    let session: TokenSession | null;
    try {
      session = await this.tokens.session(token);
    } catch (error) {
      this.logger.error(`session renewal failed: ${String(error)}`);
      return { ok: false, error: 'unavailable' };
    }
    if (!session || session.auth.userId !== socket.data.auth.userId || !socket.connected)
      return { ok: false, error: 'invalid-token' };
    const previous = socket.data.sessionId;
    if (previous !== session.sessionId) {
      if (previous) await socket.leave(Rooms.session(previous));
      if (session.sessionId) await socket.join(Rooms.session(session.sessionId));
    }
    Object.assign(socket.data, session);
    this.armExpiry(socket);
    return { ok: true, expiresAt: new Date(session.expiresAt).toISOString() };
  }

  /** Joins the sphere's rooms the caller may read, decided afresh (roles change between calls). */
  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: AuthenticatedSocket, @MessageBody() body: unknown): Promise<Ack> {
    const sphereId = sphereIdOf(body);
    if (!sphereId) return { ok: false, error: 'invalid-request' };
    if (!this.policy) return { ok: false, error: 'not-found' };
    let decision: SubscriptionDecision;
    try {
      // a fresh context object: access profiles are cached per context, and this one lives as long as the socket
      decision = await this.policy.roomsFor({ ...socket.data.auth }, sphereId);
    } catch (error) {
      this.logger.error(`subscribe failed: ${String(error)}`);
      return { ok: false, error: 'unavailable' };
    }
    if (!decision.ok) return decision;
    await socket.join(decision.rooms);
    return { ok: true };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: AuthenticatedSocket, @MessageBody() body: unknown): Promise<Ack> {
    const sphereId = sphereIdOf(body);
    if (!sphereId) return { ok: false, error: 'invalid-request' };
    await Promise.all([socket.leave(Rooms.sphere(sphereId)), socket.leave(Rooms.sphereModerators(sphereId))]);
    return { ok: true };
  }

  /**
   * Ends the socket when its token expires: `session.expired`, then a server-side disconnect (after which
   * the client does not reconnect on its own). Re-armed by each renewal.
   */
  private armExpiry(socket: AuthenticatedSocket): void {
    clearTimeout(socket.data.expiry);
    // gone while joining its rooms: no timer to hold it until its token expires
    if (socket.disconnected) return;
    const delay = Math.min(Math.max(socket.data.expiresAt - Date.now(), 0), MAX_TIMER_MS);
    socket.data.expiry = setTimeout(() => {
      if (Date.now() < socket.data.expiresAt) return this.armExpiry(socket);
      socket.emit('session.expired', { reason: 'expired' } satisfies ServerEventPayload<'session.expired'>);
      socket.disconnect(true);
    }, delay);
  }
}

function sphereIdOf(body: unknown): string | undefined {
  const sphereId = (body as { sphereId?: unknown } | null)?.sphereId;
  return typeof sphereId === 'string' && UUID.test(sphereId) ? sphereId : undefined;
}
