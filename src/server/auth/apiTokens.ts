import type { TenantInfo } from '../context';
import type { Tx } from '../db/connect';
import { audit } from '../users/userStore';
import { hashToken, newToken } from './tokens';

/** An API token as administrators see it: never the token itself, which is shown once. */
export interface ApiTokenInfo {
  id: string;
  name: string;
  createdBy: string;
  created: string;
  expires: string | null;
  lastUsed: string | null;
  revoked: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * A new API token for a provisioning client (Entra ID, Okta): 256 random bits, of which only
 * the SHA-256 is stored; the token is returned this once.
 */
export async function createToken(
  tx: Tx,
  tenant: TenantInfo,
  spec: { name: string; createdBy: string; expiresAt: Date | null },
  now: Date,
): Promise<ApiTokenInfo & { token: string }> {
  const token = newToken('api');
  const row = await tx
    .insertInto('api_tokens')
    .values({
      tenant_id: tenant.id,
      name: spec.name,
      token_hash: hashToken(token),
      created_by: spec.createdBy,
      created_at: now,
      expires_at: spec.expiresAt,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, tenant.id, now, [
    {
      actor: spec.createdBy,
      action: 'create',
      resourceType: 'ApiToken',
      resourceId: String(row.id),
      detail: { name: spec.name, expires: iso(spec.expiresAt) },
    },
  ]);
  return {
    id: String(row.id),
    name: spec.name,
    createdBy: spec.createdBy,
    created: now.toISOString(),
    expires: iso(spec.expiresAt),
    lastUsed: null,
    revoked: null,
    token,
  };
}

/** The tenant's tokens, newest first, revoked ones included (so the list tells what ended). */
export async function listTokens(tx: Tx, tenant: TenantInfo): Promise<ApiTokenInfo[]> {
  const rows = await tx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_by', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('tenant_id', '=', tenant.id)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    name: r.name,
    createdBy: r.created_by,
    created: iso(r.created_at)!,
    expires: iso(r.expires_at),
    lastUsed: iso(r.last_used_at),
    revoked: iso(r.revoked_at),
  }));
}

/** Revokes a token of this tenant at once; false when the tenant has no such token. */
export async function revokeToken(
  tx: Tx,
  tenant: TenantInfo,
  id: string,
  actor: string,
  now: Date,
): Promise<boolean> {
  if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2 ** 31 - 1) return false;
  const row = await tx
    .updateTable('api_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', Number(id))
    .returning('name')
    .executeTakeFirst();
  if (!row) return false;
  await audit(tx, tenant.id, now, [
    { actor, action: 'revoke', resourceType: 'ApiToken', resourceId: id, detail: { name: row.name } },
  ]);
  return true;
}
