import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { decodeIdCursor, idPage, LIVE_SINK, LiveSink, Page } from '@alveole/core';
import { Live } from '@alveole/realtime';
import { NotificationsRepository, NotificationView } from './notifications.repository';

/** My notifications: the list (newest first), the unread count, marking read. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationsRepository,
    @Optional() @Inject(LIVE_SINK) private readonly live?: LiveSink,
  ) {}

  async list(
    auth: AuthContext,
    limit: number,
    cursor: string | undefined,
    unreadOnly: boolean,
  ): Promise<Page<NotificationView> & { unreadCount: number }> {
    const before = decodeIdCursor(cursor);
    const [rows, unreadCount] = await Promise.all([
      this.repository.list(auth.userId, limit + 1, before, unreadOnly),
      this.repository.unreadCount(auth.userId),
    ]);
    return { ...idPage(rows, limit), unreadCount };
  }

  unreadCount(auth: AuthContext): Promise<number> {
    return this.repository.unreadCount(auth.userId);
  }

  /** Ids not mine (or unknown) are ignored, as if already read: nothing tells whose they are. */
  async markRead(auth: AuthContext, ids: string[] | 'all'): Promise<{ unreadCount: number }> {
    const result = await this.repository.markRead(auth.userId, ids);
    // the reader's other tabs and devices update their bell (best effort: they reload the count on reconnect)
    if (result.ids.length > 0)
      this.live?.deliver([Live.toUser(auth.userId, 'notification.read', { ...result, all: ids === 'all' })]);
    return { unreadCount: result.unreadCount };
  }
}
