export interface WindowCount {
  count: number;
  /** Milliseconds until the window ends. */
  retryAfterMs: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Fixed-window counters in this process's memory (a window starts at its first hit). Synchronous,
 * hence atomic in Node; expired windows are swept at most once a minute, when a count is written.
 */
export class MemoryWindows {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();
  private nextSweep = Date.now() + SWEEP_EVERY_MS;

  hit(key: string, windowMs: number): WindowCount {
    const now = this.sweptNow();
    let entry = this.live(key, now);
    if (!entry) {
      entry = { count: 0, expiresAt: now + windowMs };
      this.entries.set(key, entry);
    }
    entry.count += 1;
    return { count: entry.count, retryAfterMs: entry.expiresAt - now };
  }

  /** Takes a count from elsewhere (the shared one in Redis). */
  set(key: string, { count, retryAfterMs }: WindowCount): void {
    this.entries.set(key, { count, expiresAt: this.sweptNow() + retryAfterMs });
  }

  /** Takes one hit back (e.g. an attempt that turned out not to be a failure). */
  refund(key: string): void {
    const entry = this.live(key, Date.now());
    if (entry && --entry.count <= 0) this.entries.delete(key);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string, now: number) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweptNow(): number {
    const now = Date.now();
    if (now >= this.nextSweep) {
      this.nextSweep = now + SWEEP_EVERY_MS;
      for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    }
    return now;
  }
}
