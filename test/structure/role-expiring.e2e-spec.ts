import { io, Socket } from 'socket.io-client';
import { createOrganisation, createSphere, grantRole, instanceAdmin, registerUser } from '../factories/structure';
import { eventually } from '../support/processes';
import { startTestApp, TestApp } from '../support/test-app';

/** The reminder job, run in-process (no REDIS_URL) on PostgreSQL: audit entry and live notice to the holder. */
describe('role.expiring reminder', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_URL: '' } });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
  });

  it('tells the holder a week before the end, once, and skips a mandate revoked since', async () => {
    const admin = await instanceAdmin(t);
    const owner = await registerUser(t.http);
    const organisationId = (await createOrganisation(t, admin, { owner })).id;
    const region = await createSphere(t, owner, organisationId, { name: 'Region' });
    const holder = await registerUser(t.http);
    const socket = io(`${t.url}/realtime`, {
      auth: { token: holder.accessToken },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const notice = new Promise<{ assignmentId: string }>((resolve) => socket.once('role.expiring', resolve));

    const ends = new Date(Date.now() + 3 * 24 * 3600_000).toISOString(); // under a week: remind at once
    const grant = await grantRole(t, owner, organisationId, {
      userId: holder.id,
      role: 'system_manager',
      scopeSphereId: region.id,
      expiresAt: ends,
    });
    expect((await notice).assignmentId).toBe(grant.id);
    socket.disconnect();
    const entries = await eventually(async () => {
      const rows = (await t.db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action = 'role.expiring'`, [
        grant.id,
      ])) as unknown[];
      return rows.length > 0 ? rows : undefined;
    });
    expect(entries).toHaveLength(1);

    const revoked = await grantRole(t, owner, organisationId, {
      userId: holder.id,
      role: 'system_manager',
      scopeSphereId: region.id,
      expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    });
    await t.http
      .delete(`/api/v1/organisations/${organisationId}/roles/${revoked.id}`)
      .set({ authorization: `Bearer ${owner.accessToken}` })
      .expect(204);
    await t.db.query(`UPDATE outbox SET available_at = now() WHERE payload->>'assignmentId' = $1`, [revoked.id]);
    await eventually(async () => {
      const [row] = (await t.db.query(`SELECT sent_at FROM outbox WHERE payload->>'assignmentId' = $1`, [
        revoked.id,
      ])) as { sent_at: Date | null }[];
      return row.sent_at ? true : undefined;
    });
    const skipped = (await t.db.query(`SELECT 1 FROM audit_log WHERE target_id = $1 AND action = 'role.expiring'`, [
      revoked.id,
    ])) as unknown[];
    expect(skipped).toEqual([]);
  });
});
