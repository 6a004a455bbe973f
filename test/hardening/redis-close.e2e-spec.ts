import { once } from 'node:events';
import { AppConfig, RedisConnections } from '@alveole/core';
import { TEST_REDIS_URL } from '../support/services';

/**
 * The cause of test/route-policy.e2e-spec.ts failing one run in five ("Connection is closed."):
 * an app closed while the Socket.IO adapter's subscriber was still in its handshake. ioredis then
 * wrote QUIT ahead of the SUBSCRIBE waiting in its offline queue, and the server's close rejected it.
 */
describe('closing Redis connections', () => {
  it('lets a command queued before the handshake finish, even when closing during the handshake', async () => {
    for (let round = 0; round < 10; round += 1) {
      const connections = new RedisConnections({ redisUrl: TEST_REDIS_URL, redisPrefix: 'close-test' } as AppConfig);
      const subscriber = connections.create('close-probe');
      const subscribed = subscriber.subscribe(`close-test:probe:${round}`); // queued: not connected yet
      await once(subscriber, 'connect'); // the socket is up; ioredis's ready check is in flight
      expect(subscriber.status).toBe('connect');
      await connections.onApplicationShutdown();
      await expect(subscribed).resolves.toBe(1);
    }
  });
});
