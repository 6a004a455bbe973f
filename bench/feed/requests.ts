import { isDeepStrictEqual } from 'node:util';
import { getJson } from '../access/listing';
import { PAGE_SIZE, Workload } from './workload';

/*
 * The five requests bench:feed measures, and what it checks before timing them: for several readers,
 * both sides answer 200 with the same body; the deep pages are really where the cursor says.
 */

export interface RequestKind {
  /** Short name, used in the metric names. */
  name: string;
  label: string;
  path: string;
}

export function requestKinds(workload: Workload, deepPage: number, posts: number, midPosts: number): RequestKind[] {
  const sphere = (id: string) => `/api/v1/spheres/${id}/posts?limit=${PAGE_SIZE}`;
  const home = `/api/v1/feed?limit=${PAGE_SIZE}`;
  const big = sphere(workload.bigSphereId);
  const count = (n: number) => n.toLocaleString('en');
  return [
    { name: 'sphere p1', label: `sphere feed page 1 (${count(posts)} posts)`, path: big },
    {
      name: `sphere p${deepPage}`,
      label: `sphere feed page ${count(deepPage)} by cursor (${count(posts)} posts)`,
      path: `${big}&cursor=${workload.sphereDeep.cursor}`,
    },
    {
      name: 'sphere10k p1',
      label: `sphere feed page 1 (${count(midPosts)} posts)`,
      path: sphere(workload.midSphereId),
    },
    { name: 'home p1', label: 'home feed page 1', path: home },
    {
      name: `home p${deepPage}`,
      label: `home feed page ${count(deepPage)} by cursor`,
      path: `${home}&cursor=${workload.homeDeep.cursor}`,
    },
  ];
}

/**
 * Both sides must do the same work: for each kind and each of `readers` readers (spread over all of them,
 * animators of the big sphere included), the same status 200 and the same body. Returns the body sizes.
 */
export async function assertSameAnswers(
  urls: { app: string; reference: string },
  kinds: RequestKind[],
  bearers: string[],
  readers = 12,
): Promise<Map<string, { bytes: number; items: number; myReactions: number }>> {
  const sizes = new Map<string, { bytes: number; items: number; myReactions: number }>();
  const step = Math.max(1, Math.floor(bearers.length / readers));
  for (const kind of kinds) {
    let myReactions = 0;
    for (let i = 0; i < bearers.length; i += step) {
      const headers = { authorization: bearers[i] };
      const app = await getJson(`${urls.app}${kind.path}`, headers);
      const reference = await getJson(`${urls.reference}${kind.path}`, headers);
      if (app.status !== 200 || !isDeepStrictEqual(app, reference)) {
        throw new Error(
          `app and reference answer ${kind.label} differently for reader ${i + 1}:\n` +
            ` app ${JSON.stringify(app).slice(0, 800)}\n ref ${JSON.stringify(reference).slice(0, 800)}`,
        );
      }
      const page = app.body as { items: { myReactions: string[] }[] };
      myReactions += page.items.filter((item) => item.myReactions.length > 0).length;
      if (i === 0)
        sizes.set(kind.name, { bytes: JSON.stringify(app.body).length, items: page.items.length, myReactions: 0 });
    }
    sizes.get(kind.name)!.myReactions = myReactions;
  }
  return sizes;
}

/** The page before the deep one must hand out the deep cursor: the bench's cursor is the app's. */
export async function assertDeepCursors(appUrl: string, workload: Workload, bearer: string): Promise<void> {
  const checks = [
    { feed: 'sphere', path: `/api/v1/spheres/${workload.bigSphereId}/posts`, ...workload.sphereDeep },
    { feed: 'home', path: '/api/v1/feed', ...workload.homeDeep },
  ];
  for (const check of checks) {
    const { status, body } = await getJson(`${appUrl}${check.path}?limit=${PAGE_SIZE}&cursor=${check.before}`, {
      authorization: bearer,
    });
    const next = (body as { nextCursor?: string }).nextCursor;
    if (status !== 200 || next !== check.cursor) {
      throw new Error(`the ${check.feed} feed's page before the deep one leads to ${next}, not ${check.cursor}`);
    }
  }
}
