import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainEvents } from '@alveole/core';
import { NotificationWriter } from './notification-writer';
import { FanoutChunk, NotificationEvents } from './notifications.events';
import { CHUNK_STARTS, FanoutSource, ORGANISATION_MEMBERS, SPHERE_POST_RECIPIENTS } from './recipients.statements';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * A large audience (a sphere's members for a post, an organisation's for its charter) in user-id
 * ranges of about `NOTIFY_CHUNK_SIZE` (1,000): the planning job writes a small first range itself and
 * hands each further one to its own job, so N recipients take ceil(N / size) jobs, each one bounded
 * statement, run in parallel. Ranges are bounds, not lists: members who join meanwhile fall in one.
 */
@Injectable()
export class Fanout {
  constructor(
    private readonly writer: NotificationWriter,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async plan(manager: EntityManager, eventId: string, source: FanoutSource, organisationId: string | null) {
    const [audience, actor] =
      source.type === 'sphere_post' ? [source.sphereId, source.authorId] : [source.organisationId, source.publishedBy];
    const size = this.config.notifyChunkSize;
    const starts: { user_id: string }[] = await manager.query(CHUNK_STARTS[source.type], [
      audience,
      size,
      Math.ceil(size / 4),
      actor,
    ]);
    if (starts.length === 0) return;
    const chunks: FanoutChunk[] = starts.map((start, index) => ({
      eventId,
      source,
      // the first range from the lowest id: someone who joined since the count still falls in one range
      fromUserId: index === 0 ? NIL_UUID : start.user_id,
      toUserId: starts[index + 1]?.user_id ?? null,
    }));
    await this.events.publishAll(
      manager,
      chunks.slice(1).map((chunk) => NotificationEvents.chunk(chunk, organisationId)),
    );
    await this.write(manager, chunks[0], organisationId);
  }

  async write(manager: EntityManager, chunk: FanoutChunk, organisationId: string | null): Promise<number> {
    const { source } = chunk;
    if (source.type === 'sphere_post') {
      return this.writer.write(
        manager,
        {
          eventId: chunk.eventId,
          organisationId,
          sphereId: source.sphereId,
          subjectType: 'post',
          subjectId: source.postId,
          actorId: source.authorId,
        },
        SPHERE_POST_RECIPIENTS,
        [source.sphereId, source.postId, source.authorId, source.important, chunk.fromUserId, chunk.toUserId],
      );
    }
    return this.writer.write(
      manager,
      {
        eventId: chunk.eventId,
        organisationId,
        sphereId: null,
        subjectType: 'charter',
        subjectId: null,
        actorId: source.publishedBy,
      },
      ORGANISATION_MEMBERS,
      [source.organisationId, chunk.fromUserId, chunk.toUserId],
    );
  }
}
