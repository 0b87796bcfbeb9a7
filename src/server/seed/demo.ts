import { sql } from 'kysely';
import { randomBytes, randomUUID } from 'node:crypto';
import type { UserInput } from '../../scim/userResource';
import type { RequestCtx, TenantInfo } from '../context';
import type { Db } from '../db/connect';
import { createUsers } from '../users/userService';
import { createTenant, insertAccount, insertGroups } from './bootstrap';
import { EQ_GROUPS, person } from './demoData';

/** Sign-in details of the demo administrators, made at first start. */
export interface DemoCredentials {
  tenant: string;
  userName: string;
  password: string;
}

/** A random password with lower, upper, digit and symbol (any tenant's rule accepts it). */
export function generatePassword(): string {
  const base = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${base}-Aa9`;
}

function systemCtx(
  db: Db,
  tenant: TenantInfo,
  now: Date,
  hashPassword: (pw: string) => Promise<string>,
): RequestCtx {
  return {
    db,
    tenant,
    actor: { label: 'system:demo' },
    now,
    clock: () => now,
    locale: 'ja',
    baseUrl: '',
    hashPassword,
    newId: randomUUID,
    publicUrl: '',
    // The demo users never get mail: pending ones stay provisional until an admin sends it.
    sendMail: false,
    mailPassword: false,
    mailQueued: () => {},
  };
}

/** What a demo user has not: no client key, no identity provider's attributes. */
const unassigned = { externalId: null, identity: {} } as const;

async function createAll(ctx: RequestCtx, inputs: UserInput[]): Promise<string[]> {
  const results = await createUsers(ctx, inputs);
  return results.map((r, i) => {
    if (!r.ok) throw new Error(`demo user ${i} refused: ${r.error.detail}`);
    return r.value.id;
  });
}

/** demo-eq: 300 users of a company on the video platform, every status and kind of user. */
async function seedEq(
  db: Db,
  now: Date,
  hashPassword: (pw: string) => Promise<string>,
): Promise<DemoCredentials> {
  const tenant = await createTenant(
    db,
    { slug: 'demo-eq', name: 'デモ株式会社', profile: 'eq', userLimit: 20000, passwordClasses: 2 },
    now,
  );
  const password = generatePassword();
  await insertAccount(
    db,
    tenant,
    {
      userName: 'admin',
      displayName: 'システム管理者',
      email: 'admin@demo-eq.example.jp',
      password,
      attrs: { role: '2', canComment: '1', status: '1', remarks: '' },
      passwordIssuer: 'admin',
    },
    hashPassword,
    now,
  );
  const groups = await insertGroups(db, tenant, EQ_GROUPS, now);
  const inputs: UserInput[] = [];
  for (let i = 0; i < 300; i++) {
    const p = person(i);
    // Some companies use employee numbers as IDs: 12–18 digits, leading zeros kept.
    const userName = i % 10 === 3 ? `00${String(1234567890 + i * 7919).padStart(12, '0')}` : p.login;
    const role = i % 25 === 0 ? '2' : i % 7 === 0 ? '1' : '0';
    inputs.push({
      // Provisioning clients read name parts (issue "SCIM interop"): family and given names.
      ...unassigned,
      name: { familyName: p.family, givenName: p.given, formatted: `${p.family} ${p.given}` },
      values: {
        displayName: `${p.family}${p.given}`,
        userName,
        email: i % 17 === 5 ? '' : `${p.login}@demo-eq.example.jp`,
        groups: [groups[i % groups.length]!, ...(i % 4 === 0 ? [groups[(i + 1) % groups.length]!] : [])].join(
          ' ',
        ),
        remarks: i % 11 === 0 ? '2026年度 新入社員研修' : '',
        role,
        canComment: role === '0' ? String(i % 3 === 0 ? 0 : 1) : '1',
        status: i % 13 === 0 ? '2' : i % 9 === 0 ? '' : '1',
      },
      // Users without an email cannot be invited: they get a password set by an administrator.
      ...(i % 17 === 5 ? { password: generatePassword() } : {}),
      hasExtension: true,
    });
  }
  const ids = await createAll(systemCtx(db, tenant, now, hashPassword), inputs);
  // A few users as the console sync and self-registration would leave them.
  const pick = (k: number, r: number) => ids.filter((_, i) => i % k === r);
  await db.updateTable('users').set({ directory_synced: true }).where('id', 'in', pick(20, 1)).execute();
  await db
    .updateTable('users')
    .set({ self_registered: true, password_issuer: 'user' })
    .where('id', 'in', pick(20, 2))
    .execute();
  return { tenant: tenant.slug, userName: 'admin', password };
}

/** demo-jairo: a university's repository accounts: librarians and faculty, some pending. */
async function seedJairo(
  db: Db,
  now: Date,
  hashPassword: (pw: string) => Promise<string>,
): Promise<DemoCredentials> {
  const tenant = await createTenant(
    db,
    {
      slug: 'demo-jairo',
      name: 'デモ大学 学術機関リポジトリ',
      profile: 'jairo',
      userLimit: 5000,
      passwordClasses: 2,
    },
    now,
  );
  const password = generatePassword();
  // The institution administrator (機関管理者) signs in but is not part of the roster.
  await insertAccount(
    db,
    tenant,
    {
      userName: 'demo-univ-admin',
      displayName: 'デモ大学 図書館',
      email: 'repository@demo-univ.example.ac.jp',
      password,
      attrs: {},
      hidden: true,
    },
    hashPassword,
    now,
  );
  const inputs: UserInput[] = [];
  for (let i = 0; i < 200; i++) {
    const p = person(i + 37);
    inputs.push({
      ...unassigned,
      name: { familyName: p.family, givenName: p.given, formatted: `${p.family} ${p.given}` },
      values: {
        // Faculty often use their 16-digit researcher numbers, leading zeros included.
        userName: i % 8 === 2 ? String(100000000000 + i * 104729).padStart(16, '0') : p.login,
        displayName: `${p.family} ${p.given}`,
        email: `${p.login}@demo-univ.example.ac.jp`,
        role: i % 9 === 0 ? '図書館員' : '教員',
      },
      hasExtension: true,
    });
  }
  const ids = await createAll(systemCtx(db, tenant, now, hashPassword), inputs);
  // Most have completed registration (a password of their own); some are still pending.
  const registered = ids.filter((_, i) => i % 6 !== 0);
  await db
    .updateTable('users')
    .set({ password_issuer: 'user', attrs: sql<string>`attrs || '{"status":"1"}'::jsonb` })
    .where('id', 'in', registered)
    .execute();
  // As if they had registered when they were created: history says the same as the roster.
  await db
    .updateTable('user_history')
    .set({
      data: sql<string>`jsonb_set(jsonb_set(data, '{attrs,status}', '"1"'), '{passwordIssuer}', '"user"')`,
    })
    .where('user_id', 'in', registered)
    .execute();
  return { tenant: tenant.slug, userName: 'demo-univ-admin', password };
}

/** Creates the demo tenants on an empty database; returns their administrators, or [] if not empty. */
export async function seedDemo(
  db: Db,
  now: Date,
  hashPassword: (pw: string) => Promise<string>,
): Promise<DemoCredentials[]> {
  const any = await db.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (any) return [];
  return [await seedEq(db, now, hashPassword), await seedJairo(db, now, hashPassword)];
}
