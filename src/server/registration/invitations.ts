import { PENDING_STATUSES, type Locale } from '../../domain';
import type { RequestCtx } from '../context';
import { enqueueMail } from '../mail/MailOutbox';
import type { Tx } from '../db/connect';
import { inTransaction } from '../db/transaction';
import { audit, loadUsers, saveUser, type StoredUser } from '../users/userStore';
import { issueRegistrationTokens } from './registrationTokens';
import { mailFor, registrationUrl } from './userMail';

/** What happened to one user of a "send the registration mail" request. */
export type InvitationResult =
  | { id: string; ok: true; userName: string; status: string; version: number }
  | { id: string; ok: false; status: 404 | 409; detail: string }
  /** Resent too often: `retryAfter` seconds until it may go again. */
  | { id: string; ok: false; status: 429; detail: string; retryAfter: number };

/** Registration mails to one user: at most one a minute and ten a day (issue 12). */
export const RESEND_LIMITS = [
  { count: 1, ms: 60_000 },
  { count: 10, ms: 24 * 3600_000 },
] as const;

const MESSAGES = {
  notFound: { ja: 'ID {id} のユーザーはいません。', en: 'There is no user with id {id}.' },
  registered: {
    ja: "'{u}' は登録を済ませているため、登録メールは送れません（仮登録・利用待ちのユーザーにだけ送れます）。",
    en: "'{u}' has completed registration: the registration mail goes only to provisional or waiting users.",
  },
  noEmail: {
    ja: "'{u}' にはメールアドレスがないため、登録メールを送れません。",
    en: "'{u}' has no email address, so the registration mail cannot be sent.",
  },
  tooSoon: {
    ja: "'{u}' への登録メールは送ったばかりです。{n}分後に送り直せます。",
    en: "A registration mail was just sent to '{u}': it can be sent again in {n} {minutes}.",
  },
  tooMany: {
    ja: "'{u}' には24時間以内に10通の登録メールを送っています。{n}時間後に送り直せます。",
    en: "'{u}' has been sent 10 registration mails within 24 hours: it can be sent again in {n} {hours}.",
  },
} as const;

/**
 * Seconds until each of these users may be sent the registration mail again (absent: now),
 * from the invitation mails the outbox already holds for them.
 */
async function resendWaits(tx: Tx, ctx: RequestCtx, ids: readonly string[]): Promise<Map<string, number>> {
  const waits = new Map<string, number>();
  if (ids.length === 0) return waits;
  const now = ctx.now.getTime();
  const longest = Math.max(...RESEND_LIMITS.map((l) => l.ms));
  const rows = await tx
    .selectFrom('mail_outbox')
    .select(['user_id', 'created_at'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('kind', '=', 'invitation')
    .where('user_id', 'in', ids)
    .where('created_at', '>', new Date(now - longest))
    .execute();
  const sent = new Map<string, number[]>();
  for (const r of rows) {
    const list = sent.get(r.user_id!) ?? [];
    list.push(new Date(r.created_at).getTime());
    sent.set(r.user_id!, list);
  }
  for (const [id, times] of sent) {
    times.sort((a, b) => b - a);
    for (const limit of RESEND_LIMITS) {
      const inWindow = times.filter((t) => t > now - limit.ms);
      if (inWindow.length < limit.count) continue;
      // Free again when the oldest mail that fills the window leaves it.
      const wait = Math.ceil((inWindow[limit.count - 1]! + limit.ms - now) / 1000);
      waits.set(id, Math.max(waits.get(id) ?? 0, wait));
    }
  }
  return waits;
}

function tooOften(user: StoredUser, wait: number, locale: Locale): InvitationResult {
  const byDay = wait > 60;
  const n = byDay ? Math.ceil(wait / 3600) : Math.ceil(wait / 60);
  const detail = say(byDay ? 'tooMany' : 'tooSoon', locale, {
    u: user.userName,
    n: String(n),
    minutes: n === 1 ? 'minute' : 'minutes',
    hours: n === 1 ? 'hour' : 'hours',
  });
  return { id: user.id, ok: false, status: 429, detail, retryAfter: wait };
}

function say(key: keyof typeof MESSAGES, locale: Locale, params: Record<string, string>): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

/** Whether a user has not completed registration (仮登録 or 利用待ち). */
export function isPending(user: StoredUser): boolean {
  return PENDING_STATUSES.includes(user.attrs.status ?? '');
}

/**
 * Issues each user a new one-time URL (the previous one stops working) and queues the
 * invitation mail, in the caller's transaction. The users are already 利用待ち.
 */
export async function queueInvitations(ctx: RequestCtx, tx: Tx, users: readonly StoredUser[]): Promise<void> {
  if (users.length === 0) return;
  const tokens = await issueRegistrationTokens(
    tx,
    ctx.tenant.id,
    users.map((u) => u.id),
    ctx.now,
  );
  await enqueueMail(
    tx,
    ctx.now,
    users.map((u) => {
      const { token, expiresAt } = tokens.get(u.id)!;
      return mailFor(ctx.tenant, u, 'invitation', {
        url: registrationUrl(ctx.publicUrl, ctx.tenant.slug, token),
        expiresAt,
      });
    }),
  );
  ctx.mailQueued();
}

/**
 * Sends the registration mail now to provisional or waiting users (seed 004's
 * 仮登録/利用待ちユーザーへのユーザー登録メール送信): provisional users become waiting (a new
 * version, in history); each gets a fresh URL. Users that cannot get it are refused one by one.
 */
export async function sendInvitations(ctx: RequestCtx, ids: readonly string[]): Promise<InvitationResult[]> {
  const { tenant, locale, now } = ctx;
  return inTransaction(ctx, false, async (tx) => {
    const unique = [...new Set(ids)];
    const found = await loadUsers(tx, tenant.id, unique, true);
    // After the rows are locked: two racing resends to one user are judged one after the other.
    const waits = await resendWaits(tx, ctx, [...found.keys()]);
    const results: InvitationResult[] = [];
    const invited: StoredUser[] = [];
    for (const id of unique) {
      const user = found.get(id);
      if (!user || user.hidden) {
        results.push({ id, ok: false, status: 404, detail: say('notFound', locale, { id }) });
      } else if (!isPending(user)) {
        results.push({ id, ok: false, status: 409, detail: say('registered', locale, { u: user.userName }) });
      } else if (user.email === '') {
        results.push({ id, ok: false, status: 409, detail: say('noEmail', locale, { u: user.userName }) });
      } else if (waits.has(id)) {
        results.push(tooOften(user, waits.get(id)!, locale));
      } else {
        const waiting: StoredUser =
          user.attrs.status === 'waiting'
            ? user
            : {
                ...user,
                attrs: { ...user.attrs, status: 'waiting' },
                version: user.version + 1,
                lastModified: now,
              };
        if (waiting !== user) await saveUser(tx, tenant.id, waiting, now, false);
        invited.push(waiting);
        results.push({
          id,
          ok: true,
          userName: waiting.userName,
          status: 'waiting',
          version: waiting.version,
        });
      }
    }
    await queueInvitations(ctx, tx, invited);
    await audit(
      tx,
      tenant.id,
      now,
      invited.map((u) => ({
        actor: ctx.actor.label,
        action: 'invite',
        resourceType: 'User',
        resourceId: u.id,
        detail: { userName: u.userName, to: u.email },
      })),
    );
    return results;
  });
}
