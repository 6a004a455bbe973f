import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '@alveole/core';

/**
 * Errors Fastify's router answers before any hook or Nest filter runs (a malformed URL, a path
 * parameter over 100 characters: 414): problem+json like every other error, with the security
 * headers the hooks would have set. The URL is not echoed (it may be the problem).
 */
export function frameworkErrorHandler(securityHeaders: (request: FastifyRequest, reply: FastifyReply) => void) {
  return (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    securityHeaders(request, reply);
    const { problem, headers } = toProblem(error);
    const detail = problem.status === 414 ? 'A path segment is too long' : problem.detail.replace(/'[^']*'/, 'The URL');
    void reply
      .status(problem.status)
      .headers(headers)
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(JSON.stringify({ ...problem, detail }));
  };
}

const CLIENT_ERRORS: Record<string, { status: number; type: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    type: 'headers-too-large',
    detail: 'The request line and headers are larger than the server accepts (16 KiB)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, type: 'request-timeout', detail: 'The request took too long to arrive' },
};

/**
 * Requests Node's HTTP parser refuses (headers over 16 KiB: 431, unparsable: 400) are answered on
 * the raw socket, as Fastify's default does, but as problem+json.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? {
    status: 400,
    type: 'malformed-request',
    detail: 'The request is not valid HTTP',
  };
  const body = JSON.stringify({ ...known, title: STATUS_CODES[known.status] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
        `Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
