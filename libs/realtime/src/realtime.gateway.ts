import { Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AuthContext } from '@alveole/access';
import { MetricsService } from '@alveole/core';
import { REALTIME_NAMESPACE, Rooms } from './rooms';
import { AccessTokenVerifier } from '@alveole/identity';

export interface AuthenticatedSocket extends Socket {
  data: { auth: AuthContext };
}

/**
 * Socket.IO namespace /realtime. The handshake must carry `auth.token` (an access JWT); a bad
 * or missing token is a connect error. Each socket joins its user's room.
 */
@WebSocketGateway({ namespace: REALTIME_NAMESPACE, cors: { origin: true, credentials: true } })
export class RealtimeGateway
  implements OnGatewayInit<Namespace>, OnGatewayConnection<AuthenticatedSocket>, OnGatewayDisconnect
{
  private readonly logger = new Logger(RealtimeGateway.name);

  @WebSocketServer()
  namespace: Namespace;

  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly metrics: MetricsService,
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
}
