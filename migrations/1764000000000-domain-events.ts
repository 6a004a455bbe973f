import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox carries domain events (one row per event, fanned out to subscribers by the relay) and
 * their durable realtime instructions; each subscriber's run is recorded once. Rows written under
 * the former job names are renamed, so nothing pending is lost or run twice.
 */
export class DomainEvents1764000000000 implements MigrationInterface {
  name = 'DomainEvents1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE outbox RENAME COLUMN job_name TO event_name;
      ALTER TABLE outbox ADD COLUMN live jsonb NULL;
      UPDATE outbox SET event_name = 'security_event.recorded' WHERE event_name = 'identity.security-event';
      UPDATE outbox SET event_name = 'role.expiry_due' WHERE event_name = 'structure.role-expiring';
      -- a mention used to be pushed by its own job: now a durable realtime instruction of the event
      UPDATE outbox o SET live = jsonb_build_array(jsonb_build_object(
          'rooms', jsonb_build_array('user:' || (o.payload->>'userId')),
          'event', 'post.mentioned',
          'data', jsonb_build_object('postId', o.payload->>'postId', 'sphereId', o.payload->>'sphereId',
            'author', jsonb_build_object('id', o.payload->>'authorId',
              'displayName', (SELECT display_name FROM users u WHERE u.id = (o.payload->>'authorId')::uuid)))))
        WHERE o.event_name = 'post.mentioned' AND o.sent_at IS NULL;

      ALTER TABLE processed_jobs RENAME COLUMN job_name TO subscriber;
      UPDATE processed_jobs SET subscriber = CASE subscriber
          WHEN 'identity.security-event' THEN 'identity.security_log'
          WHEN 'structure.role-expiring' THEN 'structure.mandate_reminder'
          WHEN 'post.mentioned' THEN 'realtime.deliver'
          ELSE subscriber END;
      ALTER TABLE processed_jobs DROP CONSTRAINT processed_jobs_pkey;
      ALTER TABLE processed_jobs ADD PRIMARY KEY (outbox_id, subscriber);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM processed_jobs p USING processed_jobs q
        WHERE p.outbox_id = q.outbox_id AND p.subscriber > q.subscriber;
      ALTER TABLE processed_jobs DROP CONSTRAINT processed_jobs_pkey;
      ALTER TABLE processed_jobs ADD PRIMARY KEY (outbox_id);
      UPDATE processed_jobs SET subscriber = CASE subscriber
          WHEN 'identity.security_log' THEN 'identity.security-event'
          WHEN 'structure.mandate_reminder' THEN 'structure.role-expiring'
          WHEN 'realtime.deliver' THEN 'post.mentioned'
          ELSE subscriber END;
      ALTER TABLE processed_jobs RENAME COLUMN subscriber TO job_name;
      UPDATE outbox SET event_name = 'identity.security-event' WHERE event_name = 'security_event.recorded';
      UPDATE outbox SET event_name = 'structure.role-expiring' WHERE event_name = 'role.expiry_due';
      ALTER TABLE outbox DROP COLUMN live;
      ALTER TABLE outbox RENAME COLUMN event_name TO job_name;
    `);
  }
}
