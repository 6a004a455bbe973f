import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createPost, sphereWithPeople } from '../factories/content';
import { as } from '../factories/structure';
import { TestUser } from '../factories/users';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The bytes as they travel, both ways (no client-side encoding or decoding), with the answer's status and
 * headers: a GET, or a POST of `bytes` when given.
 */
function raw(
  url: string,
  headers: Record<string, string>,
  bytes?: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      bytes ? { method: 'POST', headers: { ...headers, 'content-length': String(bytes.length) } } : { headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(bytes);
  });
}

describe('compressed answers', () => {
  let t: TestApp;
  let plain: TestApp;
  let member: TestUser;
  let feedPath: string;
  let sphereId: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTER_MAX_PER_HOUR: '1000' } });
    plain = await startTestApp({ sharing: t, env: { COMPRESSION: 'false' } });
    const world = await sphereWithPeople(t);
    member = world.member;
    for (let i = 0; i < 20; i++)
      await createPost(t, member, world.sphere.id, `Post ${i}: ${'des nouvelles du quartier '.repeat(8)}`);
    sphereId = world.sphere.id;
    feedPath = `/api/v1/spheres/${sphereId}/posts`;
  });
  afterAll(async () => {
    await plain.close();
    await t.close();
  });

  it('sends a feed page in brotli or gzip to a client that asks, several times smaller, the same JSON', async () => {
    const auth = as(member);
    const identity = await raw(`${t.url}${feedPath}`, auth);
    expect(identity.headers['content-encoding']).toBeUndefined();
    const json = JSON.parse(identity.body.toString());
    expect(json.items).toHaveLength(20);

    const br = await raw(`${t.url}${feedPath}`, { ...auth, 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length * 3).toBeLessThan(identity.body.length);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(json);

    const gzip = await raw(`${t.url}${feedPath}`, { ...auth, 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(json);
  });

  it('leaves small answers alone, and everything when COMPRESSION=false', async () => {
    const small = await raw(`${t.url}/api/v1/instance`, { 'accept-encoding': 'br, gzip' });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const off = await raw(`${plain.url}${feedPath}`, { ...as(member), 'accept-encoding': 'br, gzip' });
    expect(off.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(off.body.toString()).items).toHaveLength(20);
  });

  it('reads a gzip-encoded body on a route that takes one; an encoding it cannot read is 415', async () => {
    const body = `Compressed news ${'de la fédération '.repeat(20)}`;
    const json = { ...as(member), 'content-type': 'application/json' };
    const created = await raw(
      `${t.url}${feedPath}`,
      { ...json, 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify({ body })),
    );
    expect(created.status).toBe(201);
    const post = JSON.parse(created.body.toString());
    expect(post.body).toBe(body);
    const { body: feed } = await t.http.get(feedPath).set(as(member)).expect(200);
    expect(feed.items[0]).toMatchObject({ id: post.id, body });

    const unknown = await raw(
      `${t.url}${feedPath}`,
      { ...json, 'content-encoding': 'zstd' },
      Buffer.from('{"body":"x"}'),
    );
    expect(unknown.status).toBe(415);
    expect(JSON.parse(unknown.body.toString()).type).toBe('unsupported-media-type');
  });

  it('downloads a document as stored (its length and ranges describe those bytes)', async () => {
    const text = Buffer.from('nom;ville\n'.repeat(500));
    const uploaded = await t.http
      .post(`/api/v1/spheres/${sphereId}/documents`)
      .set(as(member))
      .attach('file', text, { filename: 'liste.csv', contentType: 'text/csv' })
      .expect(201);
    const download = await raw(`${t.url}/api/v1/documents/${uploaded.body.id}/content`, {
      ...as(member),
      'accept-encoding': 'br, gzip',
    });
    expect(download.headers['content-encoding']).toBeUndefined();
    expect(download.body.equals(text)).toBe(true);
  });
});
