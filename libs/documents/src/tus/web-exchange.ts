import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { PROBLEM_MEDIA_TYPE } from '@alveole/core';
import { problemBody } from './tus-problems';

/**
 * The Node request as the web `Request` @tus/server works on. Its `runtime.node` is what the tus
 * server looks for to abort a PATCH when the client goes away (the bytes received so far are kept,
 * and the lock released), as its own Node adapter sets it.
 */
export function toWebRequest(raw: IncomingMessage, res: ServerResponse): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = raw.method ?? 'GET';
  const withBody = method === 'PATCH' || method === 'POST';
  // only the path matters to the tus server (the upload id is its last segment; Location is relative)
  const url = new URL(raw.url ?? '/', 'http://localhost');
  const request = new Request(url, {
    method,
    headers,
    body: withBody ? (Readable.toWeb(raw) as unknown as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
  return Object.assign(request, { runtime: { name: 'node', node: { req: raw, res } } });
}

/**
 * Writes the tus server's answer on the Node response, after the headers the app already set for
 * every answer (security headers). Error answers leave as application/problem+json.
 */
export async function sendWebResponse(
  res: ServerResponse,
  response: Response,
  baseHeaders: OutgoingHttpHeaders,
  path: string,
): Promise<void> {
  const headers: OutgoingHttpHeaders = { ...baseHeaders };
  response.headers.forEach((value, name) => (headers[name] = value));
  let body: Buffer | undefined;
  if (response.status >= 400) {
    body = Buffer.from(problemBody(response.status, await response.text(), path));
    headers['content-type'] = `${PROBLEM_MEDIA_TYPE}; charset=utf-8`;
  } else if (response.body) {
    body = Buffer.from(await response.arrayBuffer());
  }
  if (body !== undefined && body.length > 0) headers['content-length'] = String(body.length);
  // a HEAD answer says what a GET would have, without the body
  if (res.req.method === 'HEAD') body = undefined;
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, headers);
  res.end(body);
}
