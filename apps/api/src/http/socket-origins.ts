import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import { AppConfig } from '@alveole/core';

/**
 * Which browser pages may open a Socket.IO connection: the api's own origin (PUBLIC_URL, or the
 * host the request came to) and the ones listed in CORS_ORIGINS, never a reflected origin. A
 * WebSocket handshake is not subject to CORS, so the Origin header is checked for every transport.
 * A client without Origin is not a web page (an app, a script): its token is all it needs.
 */
export function socketOrigins(config: Pick<AppConfig, 'publicUrl' | 'corsOrigins'>): Partial<ServerOptions> {
  const allowed = new Set([new URL(config.publicUrl).origin, ...config.corsOrigins]);
  return {
    cors: { origin: [...allowed], credentials: true },
    allowRequest: (request: IncomingMessage, callback: (error: string | null | undefined, ok: boolean) => void) =>
      callback(null, originAllowed(request.headers.origin, request.headers.host, allowed)),
  };
}

function originAllowed(origin: string | undefined, host: string | undefined, allowed: Set<string>): boolean {
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
