import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth/tokens';
import type { Tx } from '../db/connect';

/** Seed 000: the registration URL works for 7 days after the mail. */
export const REGISTRATION_VALID_DAYS = 7;

/** What a registration URL's token is worth now. */
export type TokenState =
  { kind: 'valid'; userId: string; expiresAt: Date } | { kind: 'expired' | 'used' | 'replaced' | 'unknown' };

/** A one-time token: 256 random bits (well above the 128 asked), URL-safe. */
export function newRegistrationToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * New registration tokens for these users, valid for 7 days from `now`; any earlier token of
 * theirs that was not used stops working (sending again invalidates the previous URL). Only
 * the tokens' hashes are stored.
 */
export async function issueRegistrationTokens(
  tx: Tx,
  tenantId: number,
  userIds: readonly string[],
  now: Date,
): Promise<Map<string, { token: string; expiresAt: Date }>> {
  const out = new Map<string, { token: string; expiresAt: Date }>();
  if (userIds.length === 0) return out;
  await tx
    .updateTable('registration_tokens')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', 'in', userIds)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  const expiresAt = new Date(now.getTime() + REGISTRATION_VALID_DAYS * 24 * 3600 * 1000);
  const rows = userIds.map((userId) => {
    const token = newRegistrationToken();
    out.set(userId, { token, expiresAt });
    return {
      token_hash: hashToken(token),
      tenant_id: tenantId,
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
    };
  });
  for (let i = 0; i < rows.length; i += 5000) {
    await tx
      .insertInto('registration_tokens')
      .values(rows.slice(i, i + 5000))
      .execute();
  }
  return out;
}

/** Looks a token up without using it: what the registration page shows. */
export async function tokenState(tx: Tx, tenantId: number, token: string, now: Date): Promise<TokenState> {
  const row = await tx
    .selectFrom('registration_tokens')
    .select(['user_id', 'expires_at', 'used_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) return { kind: 'unknown' };
  if (row.used_at) return { kind: 'used' };
  if (row.revoked_at) return { kind: 'replaced' };
  const expiresAt = new Date(row.expires_at);
  if (expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
  return { kind: 'valid', userId: row.user_id, expiresAt };
}

/**
 * Uses the token up, atomically: of two requests racing with the same token, one gets the
 * user id and the other gets undefined.
 */
export async function consumeRegistrationToken(
  tx: Tx,
  tenantId: number,
  token: string,
  now: Date,
): Promise<string | undefined> {
  const row = await tx
    .updateTable('registration_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('tenant_id', '=', tenantId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}
