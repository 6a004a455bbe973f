import Fastify, { FastifyInstance } from 'fastify';
import { acceptMultipartOn, multipartFile } from './multipart-file';

const BOUNDARY = 'alveole-boundary';

function multipartBody(): string {
  return [
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="title"',
    '',
    'Minutes',
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="file"; filename="minutes.txt"',
    'Content-Type: text/plain',
    '',
    'the minutes of the meeting',
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n');
}

describe('acceptMultipartOn', () => {
  let fastify: FastifyInstance;
  // the plugin's hooks add a `close` listener to the response they run for: how a test sees them run
  const closeListeners = new Map<string, number>();

  beforeAll(async () => {
    fastify = Fastify();
    await acceptMultipartOn(fastify, ['POST /upload']);
    fastify.post('/upload', async (request, reply) => {
      closeListeners.set('upload', reply.raw.listenerCount('close'));
      const file = await multipartFile(request, 1024);
      let text = '';
      for await (const chunk of file.stream) text += String(chunk);
      return { name: file.name, type: file.type, fields: file.fields, text };
    });
    fastify.post('/other', async (_request, reply) => {
      closeListeners.set('other', reply.raw.listenerCount('close'));
      return { ok: true };
    });
    await fastify.ready();
  });
  afterAll(() => fastify.close());

  const post = (url: string, payload: string, type: string) =>
    fastify.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });

  it('reads a file on an upload route, with the plugin hooks of that route', async () => {
    const response = await post('/upload', multipartBody(), `multipart/form-data; boundary=${BOUNDARY}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      name: 'minutes.txt',
      type: 'text/plain',
      fields: { title: 'Minutes' },
      text: 'the minutes of the meeting',
    });
    const other = await post('/other', '{}', 'application/json');
    expect(other.statusCode).toBe(200);
    // the plugin's onRequest hook ran on the upload route only
    expect(closeListeners.get('upload')).toBe((closeListeners.get('other') ?? 0) + 1);
  });

  it('refuses a multipart body on any other route with 415', async () => {
    const response = await post('/other', multipartBody(), `multipart/form-data; boundary=${BOUNDARY}`);
    expect(response.statusCode).toBe(415);
  });
});
