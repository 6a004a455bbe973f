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
import { AuthContext } from '@alveole/access';
import { MetricsService } from '@alveole/core';
import { REALTIME_NAMESPACE, Rooms } from './rooms';
import { AccessTokenVerifier } from '@alveole/identity';
import { SUBSCRIPTION_POLICY, SubscriptionDecision, SubscriptionPolicy } from './subscription-policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Ack = { ok: true } | { ok: false; error: string };

export interface AuthenticatedSocket extends Socket {
  data: { auth: AuthContext };
}

/**
 * Socket.IO namespace /realtime. The handshake must carry `auth.token` (an access JWT); a bad
 * or missing token is a connect error. Each socket joins its user's room.
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
      this.tokens.resolve(token).then(
        (auth) => {
          if (!auth) return next(new Error('unauthorized'));
          socket.data.auth = auth;
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
    await socket.join(Rooms.user(socket.data.auth.userId));
    this.metrics.socketsConnected.inc();
  }

  handleDisconnect(): void {
    this.metrics.socketsConnected.dec();
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
}

function sphereIdOf(body: unknown): string | undefined {
  const sphereId = (body as { sphereId?: unknown } | null)?.sphereId;
  return typeof sphereId === 'string' && UUID.test(sphereId) ? sphereId : undefined;
}
