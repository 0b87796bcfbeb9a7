import type { Profile } from '../../domain';
import { ScimError } from '../../scim/ScimError';
import type { Actor, TenantInfo } from '../context';
import type { Db } from '../db/connect';
import { hashToken } from './tokens';

/** Whether a user may manage users: eq role 2, jairo 図書館員, or the hidden institution admin. */
export function isAdministrator(
  profile: Profile,
  user: { attrs: Record<string, string>; hidden: boolean },
): boolean {
  if (user.hidden) return true;
  const role = user.attrs[profile.roleColumn] ?? '';
  const status = user.attrs.status;
  return profile.adminRoles.includes(role) && (status === undefined || status === '1');
}

export function unauthorized(detail: string): ScimError {
  return new ScimError(401, detail, undefined, [], { 'WWW-Authenticate': 'Bearer realm="roster"' });
}

/**
 * The actor behind an `Authorization: Bearer` header for this tenant: a live session of a user
 * who is still an administrator, or an unrevoked API token. 401 without a valid token; 403
 * when the user is no longer an administrator. A token of another tenant is simply not found.
 */
export async function authenticate(
  db: Db,
  tenant: TenantInfo,
  header: string | undefined,
  now: Date,
): Promise<Actor> {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!m) throw unauthorized('Sign in first: this request needs a bearer token.');
  const hash = hashToken(m[1]!);
  const session = await db
    .selectFrom('sessions')
    .innerJoin('users', (j) =>
      j.onRef('users.id', '=', 'sessions.user_id').onRef('users.tenant_id', '=', 'sessions.tenant_id'),
    )
    .select([
      'users.id',
      'users.user_name',
      'users.attrs',
      'users.hidden',
      'sessions.expires_at',
      'sessions.revoked_at',
    ])
    .where('sessions.token_hash', '=', hash)
    .where('sessions.tenant_id', '=', tenant.id)
    .executeTakeFirst();
  if (session) {
    if (session.revoked_at !== null || new Date(session.expires_at) <= now) {
      throw unauthorized('The session has ended: sign in again.');
    }
    if (!isAdministrator(tenant.profile, { attrs: session.attrs, hidden: session.hidden })) {
      throw new ScimError(403, 'Only administrators may manage users.');
    }
    return { label: `user:${session.user_name}`, userId: session.id, userName: session.user_name };
  }
  const token = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'revoked_at', 'expires_at', 'last_used_at'])
    .where('token_hash', '=', hash)
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirst();
  if (!token || token.revoked_at !== null) throw unauthorized('The token is not valid for this tenant.');
  if (token.expires_at !== null && new Date(token.expires_at) <= now) {
    throw unauthorized('The API token has expired: an administrator can make a new one.');
  }
  // "Last used" to the minute: a busy provisioning client does not write on every request.
  if (token.last_used_at === null || now.getTime() - new Date(token.last_used_at).getTime() >= 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', token.id).execute();
  }
  return { label: `token:${token.name}` };
}
