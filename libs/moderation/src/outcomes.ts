import { Injectable } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { decodeIdCursor, FastQuery, idPage, Page } from '@alveole/core';
import type { Decision, TargetType } from './moderation.repository';

/** A decision as told to someone it concerns: the author learns the reason and the articles cited. */
export interface Outcome {
  id: string;
  caseId: string;
  role: 'author' | 'reporter';
  targetType: TargetType;
  targetId: string;
  sphereId: string;
  decision: Decision;
  reason: string | null;
  articles: number[];
  decidedAt: Date;
}

/** The outcomes of the cases about my conduct or that I reported, newest case first. */
@Injectable()
export class OutcomesRepository {
  constructor(private readonly db: FastQuery) {}

  // moderation_cases_author_idx and reports_reporter_target_idx; the id is the case's (keyset)
  list(userId: string, limit: number, before?: string): Promise<Outcome[]> {
    return this.db.rows<Outcome>(
      `SELECT c.id, c.id AS "caseId", CASE WHEN c.author_id = $1 THEN 'author' ELSE 'reporter' END AS role,
              c.target_type AS "targetType", c.target_id AS "targetId", c.sphere_id AS "sphereId", c.decision,
              CASE WHEN c.author_id = $1 THEN c.decision_reason END AS reason,
              CASE WHEN c.author_id = $1 THEN (
                SELECT coalesce(array_agg(DISTINCT r.article) FILTER (WHERE r.article IS NOT NULL), '{}')
                  FROM reports r WHERE r.case_id = c.id) ELSE '{}' END AS articles,
              c.decided_at AS "decidedAt"
         FROM moderation_cases c
        WHERE c.decided_at IS NOT NULL
          AND (c.author_id = $1 OR c.id IN (SELECT case_id FROM reports WHERE reporter_id = $1))
          AND ($2::uuid IS NULL OR c.id < $2::uuid)
        ORDER BY c.id DESC LIMIT $3`,
      [userId, before ?? null, limit],
    );
  }
}

@Injectable()
export class OutcomesService {
  constructor(private readonly outcomes: OutcomesRepository) {}

  async mine(auth: AuthContext, limit: number, cursor?: string): Promise<Page<Outcome>> {
    return idPage(await this.outcomes.list(auth.userId, limit + 1, decodeIdCursor(cursor)), limit);
  }
}
