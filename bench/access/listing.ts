import { Agent, request } from 'node:http';

/*
 * Part 2 of bench:access, the client: lists the whole visible tree page by page, following nextCursor,
 * as a client showing the full tree would. One keep-alive connection, requests one after the other.
 */

export interface SpherePage {
  items: { id: string; path: string }[];
  nextCursor: string | null;
}

export interface Listing {
  pages: SpherePage[];
  ms: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export function getJson(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch {
          reject(new Error(`GET ${url}: HTTP ${response.statusCode}, not JSON: ${text.slice(0, 200)}`));
        }
      });
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function pagePath(organisationId: string, limit: number, cursor?: string | null): string {
  const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
  return `/api/v1/organisations/${organisationId}/spheres?limit=${limit}${query}`;
}

/** Every page of the listing; fails on anything but 200 (a failed page is not a timing). */
export async function listAll(baseUrl: string, organisationId: string, limit: number, token: string): Promise<Listing> {
  const headers = { authorization: `Bearer ${token}` };
  const pages: SpherePage[] = [];
  const started = process.hrtime.bigint();
  let cursor: string | null = null;
  do {
    const { status, body } = await getJson(`${baseUrl}${pagePath(organisationId, limit, cursor)}`, headers);
    if (status !== 200) throw new Error(`${baseUrl}: page ${pages.length + 1} HTTP ${status} ${JSON.stringify(body)}`);
    const page = body as SpherePage;
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 100_000) throw new Error(`${baseUrl}: the cursor never ends`);
  } while (cursor);
  return { pages, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
