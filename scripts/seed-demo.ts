import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import {
  createRootLogger,
  DatabaseUnavailableError,
  EmbeddedDatabaseBusyError,
  loadConfig,
  QuietStartupLogger,
} from '@alveole/core';
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
import { Lookup } from './demo-lookup';
import { seedActivity } from './seed-demo-activity';
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
 * `npm run seed:demo`: the demo organisation of scripts/demo-organisation.ts and its activity
 * (scripts/demo-activity.ts), created through the services (the same checks, transactions and audit
 * trail as the HTTP routes). Idempotent: each account (by e-mail), the organisation (by slug), each
 * sphere (by slug), role, membership, the charter, the sphere request, each acceptance, a sphere's
 * posts (while it has none) and the join request is created only when missing, so a second run
 * changes nothing.
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
  for (const { parent, charterAddendum, ...fields } of DEMO_SPHERES) {
    if (spheres.has(fields.slug)) continue;
    const parentId = parent ? spheres.get(parent) : undefined;
    const { sphere } = await app.get(SpheresService).create(owner, organisationId, { ...fields, parentId });
    if (charterAddendum) await app.get(SpheresService).update(owner, sphere.id, { charterAddendum });
    spheres.set(fields.slug, sphere.id);
    created.push(`sphere ${fields.slug}`);
  }

  // the demo's people are accounts the seed itself made: it brings them into the organisation as the
  // instance's operator (without an invitation to accept), in the owner's name
  const operator = { ...owner, instanceRole: 'instance_admin' as const };
  for (const person of DEMO_USERS) {
    if (!person.orgRole) continue;
    const scopeSphereId = person.orgRole.scope ? spheres.get(person.orgRole.scope)! : null;
    if (await find.roleInForce(organisationId, userId(person.email), person.orgRole.role, scopeSphereId)) continue;
    const expiresAt = person.orgRole.mandateMonths ? monthsFromNow(person.orgRole.mandateMonths) : undefined;
    await app.get(RolesService).grant(operator, organisationId, {
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
      await app.get(MembershipsService).put(operator, spheres.get(sphere)!, userId(person.email), role, null);
      created.push(`${role} ${person.email} in ${sphere}`);
    }
  }

  let charterVersion = organisation.charterVersion;
  if (charterVersion === 0) {
    charterVersion = (await app.get(ChartersService).publish(owner, organisationId, DEMO_CHARTER)).version;
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

  await seedActivity(app, { find, spheres, userId, as, charterVersion, created });

  const logins = DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, role: u.role }));
  return { organisationId, created, logins };
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
  // the services log at info; the seed's own output is the table below. No metrics listener: the
  // api may hold METRICS_PORT.
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', METRICS_PORT: '' });
  if (config.env === 'production' && !args.includes('--force'))
    throw new Error('refusing to seed demo accounts with known passwords in production (pass --force to insist)');
  const app = await NestFactory.createApplicationContext(
    ApiModule.forConfig(config, createRootLogger(config, 'alveole-seed')),
    // a failure is told once, below, not as Nest's buffered report
    { bufferLogs: true, autoFlushLogs: false, abortOnError: false },
  );
  app.useLogger(new QuietStartupLogger(app.get(NestPinoLogger)));
  app.flushLogs();
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
    // the causes people fix themselves in a sentence (e.g. "stop the api first"), anything else with its stack
    const known = error instanceof EmbeddedDatabaseBusyError || error instanceof DatabaseUnavailableError;
    const told = error instanceof Error ? (known ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`seed:demo failed: ${told}\n`);
    process.exit(1);
  });
}
