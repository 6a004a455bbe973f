import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InstanceRole } from '@alveole/access';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Trimmed and lower-cased (a CHECK constraint holds the database to it); null for members without e-mail. */
  @Column('text', { nullable: true })
  email: string | null;

  /** Lower-case sign-in name, for members without e-mail (`^[a-z0-9][a-z0-9._-]{2,29}$`); null otherwise. */
  @Column('text', { nullable: true })
  username: string | null;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** BCP 47 language tag chosen by the user; null follows the browser. */
  @Column('text', { nullable: true })
  locale: string | null;

  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  @Column('text', { name: 'instance_role', nullable: true })
  instanceRole: InstanceRole | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
