import type { Db } from '../db/connect';
import type { Tx } from '../db/connect';
import { openBody, sealBody } from './mailSecret';
import type { MailKind } from './templates';
import { isPermanentFailure, type MailTransport } from './transports';

/** A mail to send, written in the same transaction as the change it tells about. */
export interface QueuedMail {
  tenantId: number;
  userId: string | null;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
}

/** Puts mails into the outbox; they go out once the transaction commits and a worker runs. */
export async function enqueueMail(tx: Tx, now: Date, mails: readonly QueuedMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx
    .insertInto('mail_outbox')
    .values(
      mails.map((m) => ({
        tenant_id: m.tenantId,
        user_id: m.userId,
        kind: m.kind,
        to_address: m.to,
        subject: m.subject,
        // Encrypted at rest: it may hold a registration URL or a password.
        body: sealBody(m.text),
        next_attempt_at: now,
        created_at: now,
      })),
    )
    .execute();
}

export interface DeliveryReport {
  sent: number;
  /** Failed this time, will be tried again later. */
  retried: number;
  /** Failed for good (a permanent SMTP error, or too many attempts): shown to the admin. */
  failed: number;
}

interface OutboxLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface MailOutboxOptions {
  db: Db;
  transport: MailTransport;
  from: string;
  clock?: () => Date;
  log?: OutboxLog;
  /** Attempts before a mail is given up as failed. */
  maxAttempts?: number;
  /** Mails claimed per round. */
  batchSize?: number;
  /** How often the worker looks for due mail when nobody wakes it. */
  pollMs?: number;
}

/** Seconds to wait before attempt n+1: 30 s, doubling, at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

/** Mails whose body holds a password (seed 004's password mails). */
export function carriesPassword(kind: string): boolean {
  return kind === 'passwordSet' || kind === 'passwordUpdated';
}

/** A mail claimed by a worker that died mid-send is claimed again after this long. */
const STALE_CLAIM_MS = 10 * 60 * 1000;

/**
 * Sends what the outbox holds, with retries: a slow or failing SMTP server delays mail but
 * never loses it, and never holds up the write that queued it. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so several server processes may run workers side by side.
 */
export class MailOutbox {
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private again = false;
  private busy = false;

  constructor(private readonly options: MailOutboxOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 12;
    this.batchSize = options.batchSize ?? 20;
    this.pollMs = options.pollMs ?? 5000;
  }

  /** Sends every mail that is due now, in rounds, and says what happened. */
  async deliverDue(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const claimed = await this.claim();
      if (claimed.length === 0) return report;
      for (const mail of claimed) await this.deliver(mail, report);
    }
  }

  /** Starts polling; `wake()` sends sooner after a request queued mail. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** Runs a delivery round now, or right after the one in progress. */
  wake(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.deliverDue();
        } catch (err) {
          // The database itself failed (e.g. closed at shutdown): the next round tries again.
          this.options.log?.warn({ err }, 'mail outbox round failed');
        }
      } while (this.again && this.timer);
      this.busy = false;
    })();
  }

  /** Stops polling and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.options.transport.close();
  }

  private async claim() {
    const { db } = this.options;
    const now = this.clock();
    const stale = new Date(now.getTime() - STALE_CLAIM_MS);
    return db
      .updateTable('mail_outbox')
      .set((eb) => ({ state: 'sending', claimed_at: now, attempts: eb('attempts', '+', 1) }))
      .where(
        'id',
        'in',
        db
          .selectFrom('mail_outbox')
          .select('id')
          .where((eb) =>
            eb.or([
              eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
              eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', stale)]),
            ]),
          )
          .orderBy('id')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'to_address', 'subject', 'body', 'attempts', 'kind'])
      .execute();
  }

  private async deliver(
    mail: {
      id: string;
      to_address: string;
      subject: string;
      body: string | null;
      attempts: number;
      kind: string;
    },
    report: DeliveryReport,
  ): Promise<void> {
    const { db, transport, log } = this.options;
    const id = String(mail.id);
    try {
      const where = await transport.send({
        outboxId: id,
        from: this.options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body === null ? '' : openBody(mail.body),
      });
      // The body may hold a registration URL or a password: it is not kept once delivered.
      await db
        .updateTable('mail_outbox')
        .set({ state: 'sent', sent_at: this.clock(), body: null, last_error: null })
        .where('id', '=', id)
        .execute();
      report.sent++;
      log?.info({ outboxId: id, kind: mail.kind, to: mail.to_address, where }, 'mail sent');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = isPermanentFailure(err) || mail.attempts >= this.maxAttempts;
      const next = new Date(this.clock().getTime() + retryDelaySeconds(mail.attempts) * 1000);
      await db
        .updateTable('mail_outbox')
        .set(
          giveUp
            ? {
                state: 'failed',
                last_error: message.slice(0, 1000),
                // A password is not kept for a mail that will not go: the admin sets a new one.
                ...(carriesPassword(mail.kind) ? { body: null } : {}),
              }
            : { state: 'pending', next_attempt_at: next, last_error: message.slice(0, 1000) },
        )
        .where('id', '=', id)
        .execute();
      if (giveUp) report.failed++;
      else report.retried++;
      log?.warn(
        { outboxId: id, kind: mail.kind, to: mail.to_address, attempts: mail.attempts, err: message },
        giveUp ? 'mail failed for good' : 'mail failed, will retry',
      );
    }
  }
}
