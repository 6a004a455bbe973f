import type { AccessRules } from '@alveole/access';
import { auditRules } from '@alveole/audit';
import { contentRules } from '@alveole/content';
import { documentRules } from '@alveole/documents';
import { identityRules } from '@alveole/identity';
import { moderationRules } from '@alveole/moderation';
import { notificationRules } from '@alveole/notifications';
import { privacyRules } from '@alveole/privacy';
import { structureRules } from '@alveole/structure';

/**
 * Every context's access rules, in this order: later ones may restrict earlier ones. The api checks
 * requests with them; the worker's subscribers ask the same gate (e.g. does a post's author moderate
 * its sphere).
 */
export const CONTEXT_RULES: AccessRules[] = [
  identityRules,
  structureRules,
  auditRules,
  contentRules,
  moderationRules,
  notificationRules,
  documentRules,
  privacyRules,
];
