import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { TestClock, testDb } from '../../../test/server/harness';
import { startSmtpPeer, type SmtpPeer } from '../../../test/server/smtpPeer';
import type { Db } from '../db/connect';
import { createTenant } from '../tenants';
import { openBody } from './mailSecret';
import { enqueueMail, MailOutbox, retryDelaySeconds, type QueuedMail } from './MailOutbox';
import { folderTransport, smtpTransport } from './transports';

describe('mail outbox', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let peer: SmtpPeer;
  let tenantId: number;
  const clock = new TestClock();

  beforeAll(async () => {
    ({ db, drop } = await testDb());
    tenantId = (
      await createTenant(
        db,
        { slug: 'mail', name: 'Mail', profile: 'eq', userLimit: 10, passwordClasses: 2 },
        clock.now(),
      )
    ).id;
  });
  afterAll(async () => {
    await drop();
  });
  beforeEach(async () => {
    peer = await startSmtpPeer();
    await db.deleteFrom('mail_outbox').execute();
  });
  afterEach(async () => {
    await peer.stop();
  });

  const mail = (n: number): QueuedMail => ({
    tenantId,
    userId: null,
    kind: 'invitation',
    to: `user${n}@example.jp`,
    subject: `【テスト大学】ユーザー登録のご案内 ${n}`,
    text: `山田 様\nhttps://roster.example/t/mail/register/token-${n}`,
  });
  const outbox = (maxAttempts?: number) =>
    new MailOutbox({
      db,
      transport: smtpTransport(peer.url, { timeoutMs: 2000 }),
      from: 'Roster <no-reply@roster.example>',
      clock: clock.now,
      ...(maxAttempts ? { maxAttempts } : {}),
    });
  const states = async () =>
    (await db.selectFrom('mail_outbox').select(['state', 'body', 'attempts']).orderBy('id').execute()).map(
      (r) => `${r.state}/${r.attempts}/${r.body === null ? 'no body' : 'body'}`,
    );

  test('delivers queued mail over SMTP once, in Japanese, and then forgets the body', async () => {
    await enqueueMail(db, clock.now(), [mail(1), mail(2)]);
    expect(await outbox().deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(peer.received.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject])).toEqual([
      ['user1@example.jp', '【テスト大学】ユーザー登録のご案内 1'],
      ['user2@example.jp', '【テスト大学】ユーザー登録のご案内 2'],
    ]);
    expect(peer.received[0]!.text).toContain('山田 様');
    expect(peer.received[0]!.messageId).toMatch(/^<outbox-\d+@roster\.example>$/);
    expect(await states()).toEqual(['sent/1/no body', 'sent/1/no body']);
    expect(await outbox().deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  test('an SMTP outage followed by recovery delivers every mail exactly once', async () => {
    await peer.stop();
    await enqueueMail(db, clock.now(), [1, 2, 3, 4].map(mail));
    const o = outbox();
    expect(await o.deliverDue()).toEqual({ sent: 0, retried: 4, failed: 0 });
    const errors = await db.selectFrom('mail_outbox').select('last_error').execute();
    expect(errors.every((e) => /ECONNREFUSED|connect/i.test(e.last_error ?? ''))).toBe(true);
    // Not due yet: nothing is claimed again before the retry delay.
    expect(await o.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });

    await peer.restart();
    clock.advance(retryDelaySeconds(1) * 1000);
    expect(await o.deliverDue()).toEqual({ sent: 4, retried: 0, failed: 0 });
    clock.advance(3600 * 1000);
    expect(await o.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(peer.received.map((m) => m.subject).sort()).toEqual(
      [1, 2, 3, 4].map((n) => `【テスト大学】ユーザー登録のご案内 ${n}`),
    );
    expect(new Set(peer.received.map((m) => m.messageId)).size).toBe(4);
    expect(await states()).toEqual(Array(4).fill('sent/2/no body'));
  });

  test('a permanent refusal (5xx) fails at once and keeps the mail for the admin to see', async () => {
    peer.rejectWith(550);
    await enqueueMail(db, clock.now(), [mail(1)]);
    expect(await outbox().deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const row = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.state).toBe('failed');
    // Kept encrypted (it may be retried); only the outbox's key opens it.
    expect(row.body).not.toContain('山田 様');
    expect(openBody(row.body!)).toContain('山田 様');
    expect(row.last_error).toMatch(/550/);
  });

  test('a mail that keeps failing is given up after the last attempt', async () => {
    await peer.stop();
    await enqueueMail(db, clock.now(), [mail(1)]);
    const o = outbox(3);
    const reports = [];
    for (let i = 0; i < 3; i++) {
      reports.push(await o.deliverDue());
      clock.advance(3600 * 1000);
    }
    expect(reports).toEqual([
      { sent: 0, retried: 1, failed: 0 },
      { sent: 0, retried: 1, failed: 0 },
      { sent: 0, retried: 0, failed: 1 },
    ]);
    await peer.restart();
  });

  test('retry delays double from 30 seconds up to an hour', () => {
    expect([1, 2, 3, 8, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 3600, 3600]);
  });

  test('without SMTP, each mail becomes an .eml file in the outbox folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    try {
      await enqueueMail(db, clock.now(), [mail(7)]);
      const o = new MailOutbox({
        db,
        transport: folderTransport(dir),
        from: 'no-reply@roster.example',
        clock: clock.now,
      });
      expect(await o.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      const parsed = await simpleParser(await readFile(join(dir, files[0]!)));
      expect(parsed.subject).toBe('【テスト大学】ユーザー登録のご案内 7');
      expect(parsed.text).toContain('token-7');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
