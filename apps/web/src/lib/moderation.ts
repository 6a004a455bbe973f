import { m } from '$lib/paraglide/messages';
import type { components } from '$lib/api/schema';

export type Case = components['schemas']['CaseResponse'];
export type CaseDetail = components['schemas']['CaseDetailResponse'];
export type Outcome = components['schemas']['OutcomeResponse'];
export type Action = components['schemas']['DecisionDto']['action'];
export type TargetType = Case['targetType'];

/** The categories a report may give instead of a charter article (the api's list). */
export const CATEGORIES = ['harassment', 'spam', 'off_charter', 'illegal', 'personal_data', 'other'] as const;

const CATEGORY_NAMES: Record<string, () => string> = {
  harassment: m.cat_harassment,
  spam: m.cat_spam,
  off_charter: m.cat_off_charter,
  illegal: m.cat_illegal,
  personal_data: m.cat_personal_data,
  other: m.cat_other,
};

/** A report's reason as read: "Article 2", or the category's name. */
export function reasonName(reason: string): string {
  return /^\d+$/.test(reason) ? m.reason_article({ number: reason }) : (CATEGORY_NAMES[reason]?.() ?? reason);
}

export function categoryName(category: string): string {
  return CATEGORY_NAMES[category]?.() ?? category;
}

const ACTION_NAMES: Record<Action, () => string> = {
  dismiss: m.act_dismiss,
  hide: m.act_hide,
  remove: m.act_remove,
  restore: m.act_restore,
  approve: m.act_approve,
  warn: m.act_warn,
  mute: m.act_mute,
  remove_member: m.act_remove_member,
  ban: m.act_ban,
};

export function actionName(action: string): string {
  return ACTION_NAMES[action as Action]?.() ?? action;
}

/**
 * The decisions offered for a case: what the api accepts by kind and target (it answers 422
 * `decision-not-applicable` to the rest), ban for the organisation's managers only.
 */
export function actionsFor(kase: Pick<Case, 'kind' | 'targetType'>, manager: boolean): Action[] {
  const actions: Action[] =
    kase.kind === 'approval'
      ? ['approve', 'remove']
      : kase.targetType === 'member'
        ? ['dismiss', 'warn', 'mute', 'remove_member']
        : ['dismiss', 'hide', 'remove', 'restore', 'warn', 'mute', 'remove_member'];
  return manager && kase.kind === 'report' ? [...actions, 'ban'] : actions;
}

const DECISION_NAMES: Record<Action, () => string> = {
  dismiss: m.dec_dismiss,
  hide: m.dec_hide,
  remove: m.dec_remove,
  restore: m.dec_restore,
  approve: m.dec_approve,
  warn: m.dec_warn,
  mute: m.dec_mute,
  remove_member: m.dec_remove_member,
  ban: m.dec_ban,
};

/** A decision as an outcome ("hidden"), where actionName says what to do ("Hide"). */
export function decisionName(decision: string): string {
  return DECISION_NAMES[decision as Action]?.() ?? decision;
}

const CONTENT_STATUS_NAMES: Record<string, () => string> = {
  published: m.st_published,
  pending: m.st_pending,
  hidden: m.st_hidden,
  removed: m.st_removed,
};

/** A post's or comment's status as it stands now. */
export function contentStatusName(status: string): string {
  return CONTENT_STATUS_NAMES[status]?.() ?? status;
}

const ESCALATION_NAMES: Record<string, () => string> = {
  author_role: m.esc_author_role,
  animator: m.esc_animator,
  deadline: m.esc_deadline,
};

/** Why a case went up to the managers. */
export function escalationName(reason: string): string {
  return ESCALATION_NAMES[reason]?.() ?? reason;
}

const STATUS_NAMES: Record<Case['status'], () => string> = {
  open: m.case_status_open,
  escalated: m.case_status_escalated,
  resolved: m.case_status_resolved,
  dismissed: m.case_status_dismissed,
};

export function statusName(status: Case['status']): string {
  return STATUS_NAMES[status]();
}

const HISTORY_NAMES: Record<string, () => string> = {
  opened: m.hist_opened,
  reported: m.hist_reported,
  claimed: m.hist_claimed,
  released: m.hist_released,
  decided: m.hist_decided,
  escalated: m.hist_escalated,
  auto_hidden: m.hist_auto_hidden,
};

export function historyName(kind: string): string {
  return HISTORY_NAMES[kind]?.() ?? kind;
}

/** Who or what the snapshot is about (its author, or the member reported). */
export function snapshotName(snapshot: Record<string, unknown>): string {
  const author = snapshot.author as { displayName?: string | null } | null | undefined;
  const name = author?.displayName ?? snapshot.displayName;
  if (typeof name === 'string') return name;
  // an erasure blanks the name in the snapshot (or the author altogether): the case is about a former member
  const erased = author === null || author?.displayName === null || snapshot.displayName === null;
  return erased ? m.erase_former_member() : '';
}

/** The snapshot's text (a post's or comment's body); a member has none. */
export function snapshotText(snapshot: Record<string, unknown>): string {
  return typeof snapshot.body === 'string' ? snapshot.body : '';
}

/** A case in a line: "post by Ada", "member Ada", "post awaiting approval, by Ada". */
export function caseSubject(kase: Pick<Case, 'kind' | 'targetType' | 'snapshot'>): string {
  const name = snapshotName(kase.snapshot);
  if (kase.kind === 'approval') return m.case_subject_approval({ name });
  if (kase.targetType === 'member') return m.case_subject_member({ name });
  return kase.targetType === 'comment' ? m.case_subject_comment({ name }) : m.case_subject_post({ name });
}

/** One outcome notice in a sentence, from the reader's side (reporter or author). */
export function outcomeText(outcome: { role: string; targetType: string; decision: string }): string {
  const action = decisionName(outcome.decision);
  const author = outcome.role === 'author';
  if (outcome.targetType === 'member')
    return author ? m.out_author_member({ action }) : m.out_reporter_member({ action });
  const target = outcome.targetType === 'comment' ? m.target_comment() : m.target_post();
  return author ? m.out_author({ target, action }) : m.out_reporter({ target, action });
}
