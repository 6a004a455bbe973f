import { Foundation1763780000000 } from './1763780000000-foundation';
import { Structure1763790000000 } from './1763790000000-structure';
import { SphereRequests1763791200000 } from './1763791200000-sphere-requests';
import { InvitationsJoinRequests1763795000000 } from './1763795000000-invitations-join-requests';
import { Instance1763796000000 } from './1763796000000-instance';
import { Content1763800000000 } from './1763800000000-content';
import { DomainEvents1764000000000 } from './1764000000000-domain-events';
import { IdempotencyKeys1764000100000 } from './1764000100000-idempotency-keys';
import { UserLocale1764000200000 } from './1764000200000-user-locale';
import { Moderation1764000300000 } from './1764000300000-moderation';
import { CommentStatus1764000400000 } from './1764000400000-comment-status';
import { CharterAcceptance1764000410000 } from './1764000410000-charter-acceptance';
import { ModerationDecisions1764000420000 } from './1764000420000-moderation-decisions';
import { ModerationOrgQueue1764000430000 } from './1764000430000-moderation-org-queue';
import { Notifications1764000500000 } from './1764000500000-notifications';
import { Documents1764000600000 } from './1764000600000-documents';
import { Brands1764000700000 } from './1764000700000-brands';
import { AccountsWithoutEmail1764000800000 } from './1764000800000-accounts-without-email';
import { DataExports1764000810000 } from './1764000810000-data-exports';
import { Erasure1764000820000 } from './1764000820000-erasure';
import { NotificationsLooseUserKey1764000900000 } from './1764000900000-notifications-loose-user-key';

/** Every migration in order; imported by the data source so the build and the tests see the same list. */
export const allMigrations = [
  Foundation1763780000000,
  Structure1763790000000,
  SphereRequests1763791200000,
  InvitationsJoinRequests1763795000000,
  Instance1763796000000,
  Content1763800000000,
  DomainEvents1764000000000,
  IdempotencyKeys1764000100000,
  UserLocale1764000200000,
  Moderation1764000300000,
  CommentStatus1764000400000,
  CharterAcceptance1764000410000,
  ModerationDecisions1764000420000,
  ModerationOrgQueue1764000430000,
  Notifications1764000500000,
  Documents1764000600000,
  Brands1764000700000,
  AccountsWithoutEmail1764000800000,
  DataExports1764000810000,
  Erasure1764000820000,
  NotificationsLooseUserKey1764000900000,
];
