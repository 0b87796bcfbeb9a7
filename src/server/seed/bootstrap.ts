import { randomUUID } from 'node:crypto';
import type { TenantInfo } from '../context';
import type { Db } from '../db/connect';
import { createToken } from '../auth/apiTokens';
import { createTenant, type NewTenant } from '../tenants';
import { insertUsers } from '../users/userInsert';
import type { StoredUser } from '../users/userStore';

export interface AccountSpec {
  userName: string;
  displayName: string;
  email: string;
  password: string;
  /** Profile attributes (role, status…). */
  attrs: Record<string, string>;
  /** jairo's institution administrator: can sign in, not part of the roster. */
  hidden?: boolean;
  passwordIssuer?: 'user' | 'admin';
}

/**
 * Creates an account directly, outside the roster rules: only for bootstrapping a tenant's
 * first administrator (there is nobody yet to do it through the API).
 */
export async function insertAccount(
  db: Db,
  tenant: TenantInfo,
  spec: AccountSpec,
  hashPassword: (pw: string) => Promise<string>,
  now: Date,
): Promise<StoredUser> {
  const user: StoredUser = {
    id: randomUUID(),
    userName: spec.userName,
    displayName: spec.displayName,
    email: spec.email,
    externalId: null,
    name: null,
    identity: {},
    attrs: spec.attrs,
    groups: [],
    passwordIssuer: spec.passwordIssuer ?? 'user',
    directorySynced: false,
    selfRegistered: false,
    version: 1,
    created: now,
    lastModified: now,
    passwordHash: await hashPassword(spec.password),
    hidden: spec.hidden ?? false,
  };
  await db.transaction().execute(async (tx) => {
    await insertUsers(tx, tenant.id, [user], {
      actor: 'system:bootstrap',
      at: now,
      detail: (u) => ({ userName: u.userName }),
    });
  });
  return user;
}

/** Creates groups with the given names directly (ids from the tenant's sequence). */
export async function insertGroups(
  db: Db,
  tenant: TenantInfo,
  names: readonly string[],
  now: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const seq = await db
      .updateTable('tenants')
      .set((eb) => ({ group_seq: eb('group_seq', '+', 1) }))
      .where('id', '=', tenant.id)
      .returning('group_seq')
      .executeTakeFirstOrThrow();
    const id = String(seq.group_seq);
    await db
      .insertInto('groups')
      .values({
        tenant_id: tenant.id,
        id,
        display_name: name,
        external_id: null,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

/** A new API token for a provisioning client (no expiry unless given); only its hash is stored. */
export async function createApiToken(
  db: Db,
  tenant: TenantInfo,
  name: string,
  now: Date,
  options: { createdBy?: string; expiresAt?: Date | null } = {},
): Promise<string> {
  const made = await createToken(
    db,
    tenant,
    { name, createdBy: options.createdBy ?? 'cli', expiresAt: options.expiresAt ?? null },
    now,
  );
  return made.token;
}

export { createTenant, type NewTenant };
