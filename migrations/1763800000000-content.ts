import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Posts, their edit history and mentions, comments (one reply level) and reactions (DESIGN.md §2).
 * Counts are kept on the post row and changed in the same transaction as the row they count, so a
 * feed page reads them without aggregating.
 */
export class Content1763800000000 implements MigrationInterface {
  name = 'Content1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE posts (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
        html text NOT NULL,
        status text NOT NULL CHECK (status IN ('published', 'pending', 'hidden', 'removed')),
        important boolean NOT NULL DEFAULT false,
        pinned_at timestamptz NULL,
        attachment_ids uuid[] NOT NULL DEFAULT '{}',
        comment_count int NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
        reaction_counts jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz NULL,
        deleted_at timestamptz NULL,
        deleted_by uuid NULL REFERENCES users (id),
        -- three configurations: 'simple' matches names and exact words, the stemmed ones inflections
        search tsvector GENERATED ALWAYS AS (
          to_tsvector('simple', body) || to_tsvector('french', body) || to_tsvector('english', body)
        ) STORED
      );
      -- the sphere feed and each sphere of the home feed: newest first, keyset on (created_at, id)
      CREATE INDEX posts_sphere_feed_idx ON posts (sphere_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
      -- pinned posts head the first page of a sphere feed
      CREATE INDEX posts_sphere_pinned_idx ON posts (sphere_id, pinned_at DESC)
        WHERE pinned_at IS NOT NULL AND deleted_at IS NULL;
      -- "a member's first posts" (pre_for_newcomers) and an author's own history
      CREATE INDEX posts_author_idx ON posts (author_id, sphere_id) WHERE deleted_at IS NULL;
      CREATE INDEX posts_search_idx ON posts USING gin (search) WHERE deleted_at IS NULL;

      CREATE TABLE post_revisions (
        id uuid PRIMARY KEY,
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        body text NOT NULL,
        edited_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX post_revisions_post_idx ON post_revisions (post_id, created_at);

      CREATE TABLE post_mentions (
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL,
        PRIMARY KEY (post_id, user_id)
      );
      CREATE INDEX post_mentions_user_idx ON post_mentions (user_id);

      CREATE TABLE comments (
        id uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        sphere_id uuid NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        parent_id uuid NULL REFERENCES comments (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        html text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz NULL,
        deleted_at timestamptz NULL
      );
      -- a post's thread, oldest first, keyset on (created_at, id)
      CREATE INDEX comments_post_idx ON comments (post_id, created_at, id) WHERE deleted_at IS NULL;

      CREATE TABLE reactions (
        post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        organisation_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- also serves "my reactions" on a feed page: (post_id, user_id) is its prefix
        PRIMARY KEY (post_id, user_id, kind)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reactions, comments, post_mentions, post_revisions, posts`);
  }
}
