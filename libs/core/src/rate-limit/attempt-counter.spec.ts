import { RedisConnections } from '../redis/redis-connections';
import { AttemptCounter } from './attempt-counter';

describe('AttemptCounter without Redis', () => {
  const sut = () => new AttemptCounter({ enabled: false } as RedisConnections);

  it('counts hits per key within the window', async () => {
    const counter = sut();
    expect(await counter.hit('a', 60)).toBe(1);
    expect(await counter.hit('a', 60)).toBe(2);
    expect(await counter.hit('b', 60)).toBe(1);
    const peek = await counter.peek('a');
    expect(peek.count).toBe(2);
    expect(peek.retryAfterSeconds).toBeGreaterThan(59);
  });

  it('forgets a key when reset or when its window ends', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const counter = sut();
    await counter.hit('a', 10);
    await counter.reset('a');
    expect((await counter.peek('a')).count).toBe(0);
    await counter.hit('b', 10);
    jest.setSystemTime(1_000_000 + 10_001);
    expect((await counter.peek('b')).count).toBe(0);
    jest.useRealTimers();
  });
});
