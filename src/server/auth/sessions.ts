import type { Tx } from '../db/connect';

/** Ends every live session of a user at once (their next request is 401). */
export async function endSessions(tx: Tx, tenantId: number, userId: string, now: Date): Promise<void> {
  await tx
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
