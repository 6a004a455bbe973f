import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { createRootLogger, loadConfig } from '@alveole/core';
import { AuthService, normaliseEmail, UserDirectory } from '@alveole/identity';
import {
  ChartersService,
  MembershipsService,
  OrganisationsService,
  RolesService,
  SphereRequestsService,
  SpheresService,
} from '@alveole/structure';
import { ApiModule } from '../apps/api/src/api.module';
import {
  DEMO_CHARTER,
  DEMO_ORGANISATION,
  DEMO_PASSWORD,
  DEMO_SPHERE_REQUEST,
  DEMO_SPHERES,
  DEMO_USERS,
} from './demo-organisation';

export interface SeedResult {
  organisationId: string;
  /** What this run added; empty when everything was already there. */
  created: string[];
  logins: { email: string; password: string; role: string }[];
}

/**
 * `npm run seed:demo`: the demo organisation of scripts/demo-organisation.ts, created through the
 * services (the same checks, transactions and audit trail as the HTTP routes). Idempotent: each
 * account (by e-mail), the organisation (by slug), each sphere (by slug), role, membership, the
 * charter and the sphere request is created only when missing, so a second run changes nothing.
 */
export async function seedDemo(app: INestApplicationContext): Promise<SeedResult> {
  const created: string[] = [];
  const find = new Lookup(app.get(DataSource));
  const users = app.get(UserDirectory);

  const ids = new Map<string, string>();
  for (const person of DEMO_USERS) {
    const email = normaliseEmail(person.email);
    const existing = await users.idByEmail(email);
    if (existing) ids.set(email, existing);
    else {
      const { user } = await app
        .get(AuthService)
        .register({ email, password: DEMO_PASSWORD, displayName: person.displayName }, null);
      ids.set(email, user.id);
      created.push(`account ${email}`);
    }
  }
  const userId = (email: string) => ids.get(normaliseEmail(email))!;
  // a fresh AuthContext per actor and step: AccessProfiles caches the caller's rights per object
  const as = async (email: string): Promise<AuthContext> => (await users.principal(userId(email)))!;
  const ownerEmail = DEMO_USERS.find((u) => u.owner)!.email;

  let organisation = await find.organisation(DEMO_ORGANISATION.slug);
  if (!organisation) {
    // creating an organisation is an instance admin's act: the seed performs it for the future owner
    const owner = { ...(await as(ownerEmail)), instanceRole: 'instance_admin' as const };
    await app.get(OrganisationsService).create(owner, { ...DEMO_ORGANISATION, ownerId: owner.userId });
    organisation = (await find.organisation(DEMO_ORGANISATION.slug))!;
    created.push(`organisation ${DEMO_ORGANISATION.slug}`);
  }
  const organisationId = organisation.id;
  const owner = await as(ownerEmail);

  const spheres = await find.spheres(organisationId);
  for (const { parent, ...fields } of DEMO_SPHERES) {
    if (spheres.has(fields.slug)) continue;
    const parentId = parent ? spheres.get(parent) : undefined;
    const { sphere } = await app.get(SpheresService).create(owner, organisationId, { ...fields, parentId });
    spheres.set(fields.slug, sphere.id);
    created.push(`sphere ${fields.slug}`);
  }

  for (const person of DEMO_USERS) {
    if (!person.orgRole) continue;
    const scopeSphereId = person.orgRole.scope ? spheres.get(person.orgRole.scope)! : null;
    if (await find.roleInForce(organisationId, userId(person.email), person.orgRole.role, scopeSphereId)) continue;
    const expiresAt = person.orgRole.mandateMonths ? monthsFromNow(person.orgRole.mandateMonths) : undefined;
    await app.get(RolesService).grant(owner, organisationId, {
      userId: userId(person.email),
      role: person.orgRole.role,
      scopeSphereId: scopeSphereId ?? undefined,
      expiresAt,
    });
    created.push(`${person.orgRole.role} ${person.email}`);
  }

  for (const person of DEMO_USERS) {
    for (const { sphere, role } of person.memberships ?? []) {
      if (await find.membership(spheres.get(sphere)!, userId(person.email))) continue;
      await app.get(MembershipsService).put(owner, spheres.get(sphere)!, userId(person.email), role, null);
      created.push(`${role} ${person.email} in ${sphere}`);
    }
  }

  if (organisation.charterVersion === 0) {
    await app.get(ChartersService).publish(owner, organisationId, DEMO_CHARTER);
    created.push('charter version 1');
  }

  const request = DEMO_SPHERE_REQUEST;
  if (!(await find.sphereRequest(organisationId, userId(request.requester), request.name))) {
    await app.get(SphereRequestsService).create(await as(request.requester), organisationId, {
      name: request.name,
      parentId: spheres.get(request.parent)!,
      reason: request.reason,
    });
    created.push(`sphere request ${request.name}`);
  }

  const logins = DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role }));
  return { organisationId, created, logins };
}

/** The seed's existence checks: plain reads, so a rerun finds what a previous run made. */
class Lookup {
  constructor(private readonly db: DataSource) {}

  async organisation(slug: string): Promise<{ id: string; charterVersion: number } | undefined> {
    const rows = (await this.db.query(
      `SELECT id, charter_version AS "charterVersion" FROM organisations WHERE slug = $1`,
      [slug],
    )) as { id: string; charterVersion: number }[];
    return rows[0];
  }

  async spheres(organisationId: string): Promise<Map<string, string>> {
    const rows = (await this.db.query(`SELECT slug, id FROM spheres WHERE organisation_id = $1`, [organisationId])) as {
      slug: string;
      id: string;
    }[];
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  async roleInForce(organisationId: string, userId: string, role: string, scopeSphereId: string | null) {
    return this.exists(
      `SELECT 1 FROM role_assignments
        WHERE organisation_id = $1 AND user_id = $2 AND role = $3 AND scope_sphere_id IS NOT DISTINCT FROM $4
          AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [organisationId, userId, role, scopeSphereId],
    );
  }

  membership(sphereId: string, userId: string) {
    return this.exists(`SELECT 1 FROM memberships WHERE sphere_id = $1 AND user_id = $2`, [sphereId, userId]);
  }

  sphereRequest(organisationId: string, userId: string, name: string) {
    return this.exists(`SELECT 1 FROM sphere_requests WHERE organisation_id = $1 AND requested_by = $2 AND name = $3`, [
      organisationId,
      userId,
      name,
    ]);
  }

  private async exists(sql: string, params: unknown[]): Promise<boolean> {
    return ((await this.db.query(sql, params)) as unknown[]).length > 0;
  }
}

function monthsFromNow(months: number): Date {
  const date = new Date();
  date.setMonth(date.getMonth() + months);
  return date;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

async function main(args: string[]): Promise<void> {
  // the services log at info; the seed's own output is the table below
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (config.env === 'production' && !args.includes('--force'))
    throw new Error('refusing to seed demo accounts with known passwords in production (pass --force to insist)');
  const app = await NestFactory.createApplicationContext(
    ApiModule.forConfig(config, createRootLogger(config, 'alveole-seed')),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(NestPinoLogger));
  try {
    const result = await seedDemo(app);
    const where = config.databaseUrl ? 'DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    process.stdout.write(
      result.created.length > 0
        ? `Demo organisation "${DEMO_ORGANISATION.name}" (${result.organisationId}) seeded in ${where}: ` +
            `${result.created.length} records created.\n`
        : `Demo organisation "${DEMO_ORGANISATION.name}" (${result.organisationId}) was already complete in ${where}: nothing changed.\n`,
    );
    process.stdout.write(
      `\n${table([['e-mail', 'password', 'role'], ...result.logins.map((l) => [l.email, l.password, l.role])])}\n`,
    );
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `seed:demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
