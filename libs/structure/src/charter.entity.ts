import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface CharterArticle {
  title: string;
  text: string;
}

/** One published version of an organisation's charter; versions are never edited, only superseded. */
@Entity('charters')
export class CharterEntity {
  @PrimaryColumn('uuid', { name: 'organisation_id' }) organisationId: string;
  @PrimaryColumn('int') version: number;
  /** In order: article n is `articles[n - 1]` (reports cite articles by number). */
  @Column('jsonb') articles: CharterArticle[];
  @Column('uuid', { name: 'published_by', nullable: true }) publishedBy: string | null;
  @Column('timestamptz', { name: 'published_at', default: () => 'now()' }) publishedAt: Date;
}
