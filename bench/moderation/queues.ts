import { isDeepStrictEqual } from 'node:util';
import { getJson } from '../access/listing';
import { PAGE_SIZE } from './seed';

/*
 * The two queues of bench:moderation as a client walks them: page after page by nextCursor, on one keep-alive
 * connection. Before timing, both sides must hand out the very same pages down to the deep one.
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
 * Walks the queue to page `deep` on both sides: every page equal, full, newest first, no case twice.
 * Returns the cursor that asks for page `deep`.
 */
export async function assertSameQueue(
  sides: { app: string; reference: string },
  queue: Queue,
  deep: number,
): Promise<string> {
  const ofApp = await walk(sides.app, queue, deep);
  const ofReference = await walk(sides.reference, queue, deep);
  const problems: string[] = [];
  const differing = ofApp.findIndex((page, i) => !isDeepStrictEqual(page, ofReference[i]));
  if (differing >= 0) {
    problems.push(
      `page ${differing + 1} differs:\n app ${JSON.stringify(ofApp[differing]).slice(0, 600)}\n ` +
        `ref ${JSON.stringify(ofReference[differing]).slice(0, 600)}`,
    );
  }
  const ids = ofApp.flatMap((page) => page.items.map((item) => item.id));
  if (ids.length !== deep * PAGE_SIZE) problems.push(`${ids.length} cases in ${deep} pages`);
  if (new Set(ids).size !== ids.length) problems.push('a case is listed twice');
  if (ids.some((id, i) => i > 0 && ids[i - 1] <= id)) problems.push('not newest first');
  if (problems.length > 0) throw new Error(`${queue.name}: app and reference differ: ${problems.join('; ')}`);
  return ofApp[deep - 2].nextCursor!;
}
