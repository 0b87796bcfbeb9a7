import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { buildApp } from '../../src/server/app';
import type { AppDeps } from '../../src/server/services';
import type { TenantInfo } from '../../src/server/context';
import { openDb, type Db } from '../../src/server/db/connect';
import { createTenant, insertAccount, insertGroups, type NewTenant } from '../../src/server/seed/bootstrap';

/** Which database the server suite runs on: PGlite by default, PostgreSQL with DB_KIND=postgres. */
export const DB_KIND = process.env.DB_KIND === 'postgres' ? 'postgres' : 'pglite';
export const POSTGRES_URL = process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A database of its own: PGlite (in memory, or in a temporary folder with `onDisk`), or a fresh
 * schema in the PostgreSQL at POSTGRES_URL. `drop` closes it and removes every trace.
 */
export async function testDb(
  kind: 'pglite' | 'postgres' = DB_KIND,
  onDisk = false,
): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = onDisk ? await mkdtemp(join(tmpdir(), 'roster-')) : undefined;
    const db = await openDb(dir ? { kind: 'pglite', dataDir: dir } : { kind: 'pglite' });
    return {
      db,
      drop: async () => {
        await db.destroy();
        if (dir) await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const onAdmin = async (statement: string) => {
    const c = new Client({ connectionString: POSTGRES_URL });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await onAdmin(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDb({ kind: 'postgres', url: url.toString() });
  return {
    db,
    drop: async () => {
      await db.destroy();
      await onAdmin(`drop schema ${schema} cascade`);
    },
  };
}

/** A clock tests can set and move. */
export class TestClock {
  constructor(public time = new Date('2026-04-01T09:00:00.000Z')) {}
  now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export interface TestTenant {
  tenant: TenantInfo;
  token: string;
  adminId: string;
  adminUserName: string;
  adminPassword: string;
  groups: string[];
}

/** Fast, deterministic password hashing for tests that do not test hashing itself. */
export const fastHash = {
  hashPassword: async (pw: string) => `test$${pw}`,
  verifyPassword: async (h: string, pw: string) => h === `test$${pw}`,
};

export interface Harness {
  app: FastifyInstance;
  db: Db;
  clock: TestClock;
  close: () => Promise<void>;
  /** Creates a tenant with an administrator, two groups and a signed-in session. */
  tenant: (t: Partial<NewTenant> & { slug: string }) => Promise<TestTenant>;
}

export async function startHarness(
  deps: Partial<AppDeps> = {},
  kind: 'pglite' | 'postgres' = DB_KIND,
): Promise<Harness> {
  const { db, drop } = await testDb(kind);
  const clock = new TestClock();
  const app = await buildApp({ db, clock: clock.now, ...fastHash, ...deps });
  const harness: Harness = {
    app,
    db,
    clock,
    close: async () => {
      await app.close();
      await drop();
    },
    tenant: async (t) => {
      const spec: NewTenant = { name: t.slug, profile: 'eq', userLimit: 1000, passwordClasses: 2, ...t };
      const tenant = await createTenant(db, spec, clock.now());
      const adminPassword = 'Admin-pass-1';
      const adminUserName = spec.profile === 'eq' ? 'admin01' : 'librarian';
      const attrs: Record<string, string> =
        spec.profile === 'eq'
          ? { role: '2', canComment: '1', status: '1', remarks: '' }
          : { role: '図書館員' };
      const admin = await insertAccount(
        db,
        tenant,
        {
          userName: adminUserName,
          displayName: spec.profile === 'eq' ? '管理者' : '図書館 花子',
          email: `${adminUserName}@${t.slug}.example.jp`,
          password: adminPassword,
          attrs,
        },
        deps.hashPassword ?? fastHash.hashPassword,
        clock.now(),
      );
      const groups = await insertGroups(db, tenant, ['営業部', '開発部'], clock.now());
      const session = await app.inject({
        method: 'POST',
        url: `/t/${tenant.slug}/api/session`,
        payload: { userName: adminUserName, password: adminPassword },
      });
      if (session.statusCode !== 201) throw new Error(`sign-in failed: ${session.body}`);
      return { tenant, token: session.json().token, adminId: admin.id, adminUserName, adminPassword, groups };
    },
  };
  return harness;
}

/** A SCIM request as the tenant's admin. */
export function scim(
  h: Harness,
  t: TestTenant,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method,
    url: `/t/${t.tenant.slug}/scim/v2${path}`,
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/scim+json', ...headers },
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}
