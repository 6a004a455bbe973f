import { isDeepStrictEqual } from 'node:util';
import { getJson } from '../access/listing';
import { PAGE_SIZE } from './seed';

/*
 * The two queues of bench:moderation as a client walks them: page after page by nextCursor, on one keep-alive
 * connection. Before timing, both sides must answer the measured pages alike.
 */

export interface Queue {
  /** 'sphere queue' or 'manager queue'. */
  name: string;
  /** The route without its query string. */
  path: string;
  /** `Bearer <token>` of the user it is measured as. */
  authorization: string;
}

interface CasePage {
  items: { id: string }[];
  nextCursor: string | null;
}

export const pagePath = (queue: Queue, cursor: string | null) =>
  `${queue.path}?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** Pages 1..`deep` of the queue; fails on anything but 200 or on a queue shorter than that. */
async function walk(baseUrl: string, queue: Queue, deep: number): Promise<CasePage[]> {
  const pages: CasePage[] = [];
  let cursor: string | null = null;
  while (pages.length < deep) {
    const { status, body } = await getJson(`${baseUrl}${pagePath(queue, cursor)}`, {
      authorization: queue.authorization,
    });
    if (status !== 200) throw new Error(`${baseUrl} ${queue.name}: page ${pages.length + 1} HTTP ${status}`);
    const page = body as CasePage;
    pages.push(page);
    cursor = page.nextCursor;
    if (!cursor && pages.length < deep) throw new Error(`${queue.name}: only ${pages.length} pages`);
  }
  return pages;
}

/**
 * Walks the app's queue once to page `deep` (every page full, newest first, no case twice), then asks both
 * sides for page 1 and page `deep`: the same bodies, or the run stops. Returns the cursor of page `deep`.
 */
export async function assertSameQueue(
  sides: { app: string; reference: string },
  queue: Queue,
  deep: number,
): Promise<string> {
  const walked = await walk(sides.app, queue, deep);
  const problems: string[] = [];
  const ids = walked.flatMap((page) => page.items.map((item) => item.id));
  if (ids.length !== deep * PAGE_SIZE) problems.push(`${ids.length} cases in ${deep} pages`);
  if (new Set(ids).size !== ids.length) problems.push('a case is listed twice');
  if (ids.some((id, i) => i > 0 && ids[i - 1] <= id)) problems.push('not newest first');
  const deepCursor = walked[deep - 2].nextCursor!;
  for (const [page, cursor] of [
    [1, null],
    [deep, deepCursor],
  ] as const) {
    const headers = { authorization: queue.authorization };
    const [ofApp, ofReference] = [
      await getJson(`${sides.app}${pagePath(queue, cursor)}`, headers),
      await getJson(`${sides.reference}${pagePath(queue, cursor)}`, headers),
    ];
    if (!isDeepStrictEqual(ofApp, ofReference) || !isDeepStrictEqual(ofApp.body, walked[page - 1])) {
      problems.push(
        `page ${page} differs:\n app ${JSON.stringify(ofApp).slice(0, 600)}\n ` +
          `ref ${JSON.stringify(ofReference).slice(0, 600)}`,
      );
    }
  }
  if (problems.length > 0) throw new Error(`${queue.name}: ${problems.join('; ')}`);
  return deepCursor;
}
