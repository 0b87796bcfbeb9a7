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
  | { id: string; ok: false; status: 404 | 409; detail: string };

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
} as const;

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
