import { MetricsService } from '../ops/metrics.service';
import { RedisConnections } from '../redis/redis-connections';
import { AttemptCounter } from './attempt-counter';
import { MemoryWindows } from './memory-windows';

describe('MemoryWindows', () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits per key within a window that starts at the first hit', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const sut = new MemoryWindows();
    expect(sut.hit('a', 60_000)).toEqual({ count: 1, retryAfterMs: 60_000 });
    jest.setSystemTime(1_010_000);
    expect(sut.hit('a', 60_000)).toEqual({ count: 2, retryAfterMs: 50_000 });
    expect(sut.hit('b', 60_000).count).toBe(1);
    jest.setSystemTime(1_060_000);
    expect(sut.hit('a', 60_000)).toEqual({ count: 1, retryAfterMs: 60_000 });
  });

  it('takes a hit back, resets, and takes a count from elsewhere', () => {
    const sut = new MemoryWindows();
    sut.hit('a', 60_000);
    sut.hit('a', 60_000);
    sut.refund('a');
    expect(sut.hit('a', 60_000).count).toBe(2);
    sut.reset('a');
    expect(sut.hit('a', 60_000).count).toBe(1);
    sut.set('c', { count: 7, retryAfterMs: 5_000 });
    expect(sut.hit('c', 60_000)).toEqual({ count: 8, retryAfterMs: expect.any(Number) });
  });
});

describe('AttemptCounter without Redis', () => {
  const sut = () => new AttemptCounter({ enabled: false } as RedisConnections, new MetricsService());

  it('answers each parallel hit with its own count', async () => {
    const counter = sut();
    const counts = await Promise.all(Array.from({ length: 20 }, () => counter.hit('k', 60)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('forgets a key when reset', async () => {
    const counter = sut();
    await counter.hit('a', 10);
    await counter.reset('a');
    expect((await counter.hit('a', 10)).count).toBe(1);
  });
});
