import { sql } from 'kysely';
import type { Locale } from '../../domain';
import { ScimError } from '../../scim/ScimError';
import { isAdministrator } from '../auth/authenticate';
import { endSessions } from '../auth/sessions';
import type { RequestCtx } from '../context';
import type { Tx } from '../db/connect';
import type { StoredUser } from './userStore';

const LAST_ADMIN: Record<Locale, string> = {
  ja: 'この変更を行うと、有効な管理者がいなくなります。先に別のユーザーを管理者にしてください。',
  en: 'This change would leave the tenant without an active administrator: make another user an administrator first.',
};

/** How many active administrators the tenant has besides `exceptId` (the hidden operator counts). */
async function otherActiveAdmins(ctx: RequestCtx, tx: Tx, exceptId: string): Promise<number> {
  const { profile, id } = ctx.tenant;
  const row = await tx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', id)
    .where('id', '<>', exceptId)
    .where((eb) =>
      eb.or([
        eb('hidden', '=', true),
        eb.and([
          eb(sql<string>`attrs->>${profile.roleColumn}`, 'in', [...profile.adminRoles]),
          eb(sql<string>`coalesce(attrs->>'status', '1')`, '=', '1'),
        ]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What a change of one account (`after` undefined: its deletion) means for the tenant's
 * access, in the change's transaction before it is written: refused with 409 when it would
 * leave no active administrator; the account's sessions end when its password changes or it
 * stops being an active administrator (suspension, demotion, deletion).
 */
export async function guardAccountChange(
  ctx: RequestCtx,
  tx: Tx,
  before: StoredUser,
  after: StoredUser | undefined,
): Promise<void> {
  const { profile, id: tenantId } = ctx.tenant;
  const wasAdmin = isAdministrator(profile, before);
  const staysAdmin = after !== undefined && isAdministrator(profile, after);
  if (wasAdmin && !staysAdmin) {
    // Serializes such changes per tenant: two concurrent demotions of the last two
    // administrators cannot both see the other one still there.
    await tx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().execute();
    if ((await otherActiveAdmins(ctx, tx, before.id)) === 0) {
      throw new ScimError(409, LAST_ADMIN[ctx.locale]);
    }
  }
  const passwordChanged = after !== undefined && after.passwordHash !== before.passwordHash;
  if ((wasAdmin && !staysAdmin) || passwordChanged || after === undefined) {
    await endSessions(tx, tenantId, before.id, ctx.now);
  }
}
