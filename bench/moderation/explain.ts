import { Client } from 'pg';
import {
  ORG_QUEUE_SQL,
  pathRanges,
  SCOPE_QUEUE_SQL,
  SPHERE_QUEUE_SQL,
} from '../../libs/moderation/src/case-queue.statements';
import { PAGE_SIZE, SeededModeration } from './seed';

/*
 * `--explain`: the plans of the queue statements as the app sends them (its SQL, its parameters), for page 1
 * and for the deep page, with their timings and buffers. Also the whole organisation's queue, which the bench
 * does not load (the manager's mandate is regional) but a national manager reads.
 */
export async function explainQueues(
  databaseUrl: string,
  seeded: SeededModeration,
  deepIds: { sphere: string; manager: string },
): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { since, upto } = pathRanges([seeded.managedRegionPath]);
    const statements: [string, string, unknown[]][] = [
      ['sphere queue page 1', SPHERE_QUEUE_SQL, [seeded.busySphereId, 'open', null, PAGE_SIZE + 1]],
      ['sphere queue deep page', SPHERE_QUEUE_SQL, [seeded.busySphereId, 'open', deepIds.sphere, PAGE_SIZE + 1]],
      ['manager queue page 1', SCOPE_QUEUE_SQL, [seeded.organisationId, 'escalated', null, PAGE_SIZE + 1, since, upto]],
      [
        'manager queue deep page',
        SCOPE_QUEUE_SQL,
        [seeded.organisationId, 'escalated', deepIds.manager, PAGE_SIZE + 1, since, upto],
      ],
      ['whole organisation page 1', ORG_QUEUE_SQL, [seeded.organisationId, 'escalated', null, PAGE_SIZE + 1]],
      [
        'whole organisation deep page',
        ORG_QUEUE_SQL,
        [seeded.organisationId, 'escalated', deepIds.manager, PAGE_SIZE + 1],
      ],
    ];
    for (const [name, sql, params] of statements) {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(`\n[bench] EXPLAIN ${name}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await client.end();
  }
}
