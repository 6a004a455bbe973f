import { INestApplicationContext, Logger } from '@nestjs/common';
import { MessageMappingProperties } from '@nestjs/websockets';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { isObservable, lastValueFrom, Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';

/**
 * Nest's IoAdapter builds an rxjs pipeline per socket and per handler: about 12 KiB of heap a socket
 * (bench:realtime, heap-snapshot diff), twice a bare socket.io server's. Plain listeners do the same
 * job: call the handler, ack its answer (or emit `{ event, data }`), log what it throws.
 */
export class LeanIoAdapter extends IoAdapter {
  private readonly log = new Logger('LeanIoAdapter');

  /**
   * `serverOptions` override the gateway's (the api sets CORS and the origin check from its configuration).
   * Socket.IO's own client bundle is not served: the web client bundles its own, and every HTTP request would
   * otherwise be matched against its path first.
   */
  constructor(
    app: INestApplicationContext,
    private readonly serverOptions: Partial<ServerOptions> = {},
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      serveClient: false,
      ...this.serverOptions,
    } as ServerOptions) as Server;
  }

  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        this.answer(socket, () => transform(callback(data, ack)), ack, isAckHandledManually).catch((error: unknown) =>
          this.log.error(error),
        );
      });
    }
  }

  private async answer(
    socket: Socket,
    run: () => Observable<unknown> | unknown,
    ack: unknown,
    ackHandledManually: boolean,
  ): Promise<void> {
    const result = run();
    const response = (isObservable(result) ? await lastValueFrom(result, { defaultValue: undefined }) : result) as
      { event?: string; data?: unknown } | null | undefined;
    if (response === undefined || response === null) return;
    if (typeof response === 'object' && response.event) {
      socket.emit(response.event, response.data);
      return;
    }
    if (!ackHandledManually && typeof ack === 'function') (ack as (response: unknown) => void)(response);
  }
}
