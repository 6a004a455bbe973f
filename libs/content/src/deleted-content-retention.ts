import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, deleteInBatches, FastQuery, RetentionTask, retentionCutoff } from '@alveole/core';

/**
 * Posts and comments deleted longer ago than DELETED_CONTENT_RETENTION_DAYS go for good, with what
 * hangs on them (revisions, reactions, mentions, a post's comments: ON DELETE CASCADE). A deleted
 * comment that still has live replies waits: deleting it would take the replies with it.
 * (posts_deleted_idx, comments_deleted_idx)
 */
@Injectable()
export class DeletedContentRetention implements RetentionTask {
  readonly name = 'deleted_content';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: FastQuery,
  ) {}

  async purge(now: Date): Promise<number> {
    const cutoff = retentionCutoff(now, this.config.retention.deletedContentDays);
    const posts = await deleteInBatches(this.db, 'posts', 'deleted_at < $1', cutoff);
    const comments = await deleteInBatches(
      this.db,
      'comments c',
      `c.deleted_at < $1 AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL)`,
      cutoff,
    );
    return posts + comments;
  }
}
