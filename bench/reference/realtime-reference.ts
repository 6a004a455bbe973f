import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { open as openInspector } from 'node:inspector';
import { JwtPayload, verify } from 'jsonwebtoken';
import MarkdownIt from 'markdown-it';
import { Client } from 'pg';
import { Server } from 'socket.io';
import { env, UUID } from './reference-server';

/*
 * The reference for bench:realtime: a bare socket.io server (same socket.io version as the app) on a
 * plain Node http server. Namespace /realtime, the same HS256 check of `auth.token` at the handshake
 * (jsonwebtoken, a KeyObject built once), every socket in its user's room, `subscribe` joins
 * `sphere:<id>` without any access check, and POST /api/v1/spheres/:id/posts broadcasts a post of the
 * app's shape to that room with no database work: what is left is the cost of the fan-out itself.
 */

const POST_PATH = /^\/api\/v1\/spheres\/([0-9a-f-]{36})\/posts$/i;

const secret = createSecretKey(Buffer.from(env('JWT_SECRET')));
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
/** Authors' display names, read once at start so the payload matches the app's without a query per post. */
const displayNames = new Map<string, string>();

function userIdOf(token: unknown): string | null {
  if (typeof token !== 'string' || token.length === 0) return null;
  try {
    const claims = verify(token, secret, { algorithms: ['HS256'] }) as JwtPayload;
    return typeof claims.sub === 'string' && UUID.test(claims.sub) ? claims.sub : null;
  } catch {
    return null;
  }
}

const http = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(error);
    send(response, 500, { status: 500, title: 'Internal Server Error' });
  });
});
const io = new Server(http, { cors: { origin: true, credentials: true } });
const realtime = io.of('/realtime');

realtime.use((socket, next) => {
  const userId = userIdOf((socket.handshake.auth as { token?: unknown } | undefined)?.token);
  if (!userId) return next(new Error('unauthorized'));
  (socket.data as { userId: string }).userId = userId;
  next();
});

realtime.on('connection', (socket) => {
  void socket.join(`user:${(socket.data as { userId: string }).userId}`);
  socket.on('subscribe', (body: unknown, ack: unknown) => {
    const sphereId = (body as { sphereId?: unknown } | null)?.sphereId;
    const answer = typeof sphereId === 'string' && UUID.test(sphereId);
    if (answer) void socket.join(`sphere:${sphereId}`);
    if (typeof ack === 'function') ack(answer ? { ok: true } : { ok: false, error: 'invalid-request' });
  });
});

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = request.url ?? '/';
  if (request.method === 'GET' && url === '/health/ready') return send(response, 200, { status: 'ok' });
  const match = request.method === 'POST' ? POST_PATH.exec(url) : null;
  if (!match) return send(response, 404, { status: 404, title: 'Not Found' });
  const authorization = request.headers.authorization ?? '';
  const userId = authorization.startsWith('Bearer ') ? userIdOf(authorization.slice('Bearer '.length)) : null;
  if (!userId) return send(response, 401, { status: 401, title: 'Unauthorized' });
  const body = (JSON.parse(await readBody(request)) as { body?: unknown }).body;
  if (typeof body !== 'string' || body.length === 0) return send(response, 400, { status: 400, title: 'Bad Request' });
  const sphereId = match[1];
  const post = {
    id: randomUUID(),
    sphereId,
    author: { id: userId, displayName: displayNames.get(userId) ?? '' },
    body,
    html: markdown.render(body),
    status: 'published',
    pinned: false,
    important: false,
    attachments: [],
    commentCount: 0,
    reactionCounts: {},
    createdAt: new Date().toISOString(),
    editedAt: null,
  };
  // the app's broadcast leaves out what is personal to one reader (myReactions); its answer has it
  realtime.to(`sphere:${sphereId}`).emit('post.created', post);
  send(response, 201, { ...post, myReactions: [] });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(json);
}

async function main(): Promise<void> {
  const client = new Client({ connectionString: env('DATABASE_URL') });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; display_name: string }>('SELECT id, display_name FROM users');
    for (const row of rows) displayNames.set(row.id, row.display_name);
  } finally {
    await client.end();
  }
  // closes the http server too, once the sockets are gone
  const shutdown = () => void io.close(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // the bench reads memory after a full GC through the inspector (the app gets --inspect=127.0.0.1:0);
  // opened here because the reference is started with a fixed environment
  openInspector(0, '127.0.0.1');
  http.listen(Number(env('PORT')), '127.0.0.1');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
