import { sql } from 'kysely';
import type { Db } from '../db/connect';

/** A key counted against its own limit: an account from one address, or an address. */
export interface ThrottleKey {
  key: string;
  /** Failures allowed before the key has to wait. */
  limit: number;
}

/** The first wait once a key reaches its limit; it doubles with each further failure. */
export const FIRST_WAIT_SECONDS = 30;
/** The longest wait. */
export const MAX_WAIT_SECONDS = 3600;
/** Failures are forgotten this long after the last one. */
export const FORGET_AFTER_MS = 24 * 3600 * 1000;

/** Seconds to wait after `failures` failures of a key whose limit is `limit` (0 below it). */
export function waitSeconds(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - limit), MAX_WAIT_SECONDS);
}

/**
 * Claims one sign-in attempt for every key, in one atomic statement, before the password is
 * checked: each key's count goes up, and the attempt that reaches a key's limit starts its
 * wait. A key that is waiting is not counted and the attempt is refused. So however many
 * requests race (in one process or several), at most `limit` passwords are checked per key
 * and wait. A successful sign-in then gives its claim back (`signInSucceeded`).
 *
 * Returns 0 when the attempt may go on, else the seconds to wait.
 */
export async function claimSignIn(db: Db, keys: readonly ThrottleKey[], now: Date): Promise<number> {
  const forget = new Date(now.getTime() - FORGET_AFTER_MS);
  const rows = sql.join(keys.map((k) => sql`(${k.key}::text, ${k.limit}::integer)`));
  // The new failure count of a conflicting row, used twice below (SET sees the old row).
  const next = sql`(case when t.last_failure_at < ${forget}::timestamptz then 1 else t.failures + 1 end)`;
  const wait = (failures: unknown, limit: unknown) =>
    sql`(case when ${failures} >= ${limit} then ${now}::timestamptz + least(${FIRST_WAIT_SECONDS} * power(2, ${failures} - ${limit}), ${MAX_WAIT_SECONDS}) * interval '1 second' end)`;
  // ON CONFLICT DO UPDATE locks the row and judges its WHERE on the newest version, so racing
  // claims on one key are counted one after another (PostgreSQL docs, INSERT "ON CONFLICT").
  const claimed = await sql<{ key: string }>`
    with wanted(key, lim) as (values ${rows}),
      waiting as (
        select 1 from sign_in_throttle s join wanted w on w.key = s.key
        where s.blocked_until > ${now}::timestamptz
      )
    insert into sign_in_throttle as t (key, failures, max_failures, last_failure_at, blocked_until)
    select key, 1, lim, ${now}::timestamptz, ${wait(sql`1`, sql`lim`)} from wanted
    where not exists (select 1 from waiting)
    on conflict (key) do update set
      failures = ${next},
      max_failures = excluded.max_failures,
      last_failure_at = ${now}::timestamptz,
      blocked_until = ${wait(next, sql`excluded.max_failures`)}
    where t.blocked_until is null or t.blocked_until <= ${now}::timestamptz
    returning t.key`.execute(db);
  if (claimed.rows.length === keys.length) return 0;
  const waiting = await db
    .selectFrom('sign_in_throttle')
    .select('blocked_until')
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
  const until = Math.max(...waiting.map((w) => (w.blocked_until ? new Date(w.blocked_until).getTime() : 0)));
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * After a right password: the account's failures from that address are forgotten, and the
 * address gets back the attempt it claimed (it was not a failure).
 */
export async function signInSucceeded(
  db: Db,
  accountKey: string,
  addressKey: string,
  now: Date,
): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', accountKey).execute();
  await db
    .updateTable('sign_in_throttle')
    .set((eb) => ({
      failures: sql`greatest(${eb.ref('failures')} - 1, 0)`,
      blocked_until: sql`case when ${eb.ref('failures')} - 1 < ${eb.ref('max_failures')} then null else ${eb.ref('blocked_until')} end`,
    }))
    .where('key', '=', addressKey)
    .execute();
  // Now and then, drop keys whose failures are forgotten, so the table stays small.
  if (Math.random() < 0.02) {
    await db
      .deleteFrom('sign_in_throttle')
      .where('last_failure_at', '<', new Date(now.getTime() - FORGET_AFTER_MS))
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', now)]))
      .execute();
  }
}
