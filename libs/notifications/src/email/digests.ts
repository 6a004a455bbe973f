import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmailSender } from './email-sender';
import { DIGEST_CANDIDATES, DIGEST_SENT_SINCE } from './email.statements';
import { inQuietHours, localClock } from './local-time';

/** Local time from which a day's digest may go. */
const DIGEST_FROM_MINUTES = 8 * 60;

export type DigestKind = 'daily' | 'weekly';

/**
 * Daily and weekly digests: to each person with items waiting as `daily` (or `weekly`) whose local
 * time is past 08:00 (on a Monday for the weekly one), outside quiet hours, and who had no such digest
 * since their local midnight (Monday). Each person in their own transaction, serialised per person
 * by an advisory lock, so two schedulers (api nodes, workers) never send the same digest twice.
 */
@Injectable()
export class Digests {
  private readonly logger = new Logger(Digests.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
  ) {}

  /** Sends what is due at `now`; returns how many digests went out. */
  async sendDue(kind: DigestKind, now: Date): Promise<number> {
    const candidates: { user_id: string }[] = await this.dataSource.query(DIGEST_CANDIDATES, [kind, now]);
    let sent = 0;
    for (const { user_id: userId } of candidates) {
      try {
        if (await this.sendOne(kind, userId, now)) sent++;
      } catch (error) {
        // the items stay waiting: the next run tries again
        this.logger.warn(`${kind} digest for ${userId} failed: ${(error as Error).message}`);
      }
    }
    return sent;
  }

  private sendOne(kind: DigestKind, userId: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('notifications.digest:' || $1))`, [userId]);
      const [recipient] = await this.sender.recipients(manager, [userId], now);
      if (!recipient) return false;
      const clock = localClock(now, recipient.timeZone);
      if (clock.minutes < DIGEST_FROM_MINUTES || (kind === 'weekly' && clock.weekday !== 1)) return false;
      if (inQuietHours(clock.minutes, recipient.quietStart, recipient.quietEnd)) return false;
      const [{ sent }]: { sent: boolean }[] = await manager.query(DIGEST_SENT_SINCE, [
        userId,
        kind,
        now,
        recipient.timeZone,
        kind === 'daily' ? 'day' : 'week',
      ]);
      if (sent) return false;
      return (await this.sender.send(manager, recipient, kind, { eventId: null, upTo: now })).state === 'sent';
    });
  }
}
