import type { EntityManager } from 'typeorm';
import type { DomainEvents } from '@alveole/core';
import { NotificationWriter } from './notification-writer';

/** What the writer sends, in order; the insert answers one written row. */
function recordingManager(): { manager: EntityManager; statements: string[] } {
  const statements: string[] = [];
  const query = (sql: string) => {
    statements.push(sql.trim());
    return Promise.resolve(
      /INSERT INTO notifications/.test(sql)
        ? [{ user_id: 'u1', kind: 'post', email: 'none', push: 'none', created_at: new Date(0) }]
        : [],
    );
  };
  return { manager: { query } as unknown as EntityManager, statements };
}

describe('NotificationWriter', () => {
  const origin = {
    eventId: 'e1',
    organisationId: 'o1',
    sphereId: 's1',
    subjectType: 'post' as const,
    subjectId: 'p1',
    actorId: 'a1',
  };

  it('takes the shared writes lock in a statement of its own before the insert (an erasure waits for it)', async () => {
    const { manager, statements } = recordingManager();
    const published: unknown[] = [];
    const events = { publish: (_m: unknown, event: unknown) => Promise.resolve(void published.push(event)) };
    const sut = new NotificationWriter(events as unknown as DomainEvents);

    const written = await sut.write(manager, origin, 'SELECT 1', []);

    expect(written).toBe(1);
    expect(statements[0]).toBe('SELECT pg_advisory_xact_lock_shared($1)');
    expect(statements[1]).toMatch(/^WITH recipients AS \(SELECT 1\)\s+INSERT INTO notifications/);
    expect(published).toHaveLength(1);
  });
});
