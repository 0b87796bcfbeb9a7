import type { ParsedMail } from 'mailparser';
import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_USER } from '../../scim/constants';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { startSmtpPeer, type SmtpPeer } from '../../../test/server/smtpPeer';
import { MailOutbox } from '../mail/MailOutbox';
import { smtpTransport } from '../mail/transports';

const DAY = 24 * 3600 * 1000;
const STRONG = 'murasaki-Tsubame-42';

function jairoUser(userName: string, displayName = '研究 太郎') {
  return {
    schemas: [SCHEMA_USER, EXT],
    userName,
    displayName,
    emails: [{ value: `${userName}@univ.example.ac.jp`, primary: true }],
    [EXT]: { role: '教員' },
  };
}

describe('invitations, registration pages and the mails around them', () => {
  let h: Harness;
  let peer: SmtpPeer;
  let outbox: MailOutbox;
  let eq: TestTenant;
  let jairo: TestTenant;
  let eqEn: TestTenant;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    // Sessions outlive the clock moves of the expiry tests.
    h = await startHarness({ publicUrl: 'https://roster.example', sessionMinutes: 60 * 24 * 60 });
    outbox = new MailOutbox({
      db: h.db,
      transport: smtpTransport(peer.url, { timeoutMs: 2000 }),
      from: 'Roster <no-reply@roster.example>',
      clock: h.clock.now,
    });
    eq = await h.tenant({ slug: 'eq-reg', name: 'テスト株式会社', passwordClasses: 3 });
    jairo = await h.tenant({ slug: 'jairo-reg', name: 'テスト大学', profile: 'jairo' });
    eqEn = await h.tenant({ slug: 'eq-en', name: 'Example Corp', locale: 'en', timeZone: 'Europe/London' });
    // A database and an SMTP peer: slow to start on a loaded two-core machine.
  }, 60_000);
  afterAll(async () => {
    await outbox.stop();
    await h.close();
    await peer.stop();
  });

  /** Delivers what is due and returns the mails that arrived since the last call. */
  let seen = 0;
  async function newMail(): Promise<ParsedMail[]> {
    await outbox.deliverDue();
    const fresh = peer.received.slice(seen);
    seen = peer.received.length;
    return fresh;
  }
  const urlIn = (mail: ParsedMail) => /https:\/\/roster\.example(\/t\/[^\s]+)/.exec(mail.text ?? '')![1]!;
  const create = async (t: TestTenant, body: unknown, query = '') => {
    const r = await scim(h, t, 'POST', `/Users${query}`, body);
    expect(r.statusCode).toBe(201);
    return r.json() as { id: string; meta: { version: string }; [k: string]: unknown };
  };
  const statusOf = async (t: TestTenant, id: string) =>
    (await scim(h, t, 'GET', `/Users/${id}`)).json()[EXT].status as string;
  const page = (path: string, lang = 'ja') =>
    h.app.inject({ method: 'GET', url: path, headers: { 'accept-language': lang } });
  async function submit(path: string, fields: Record<string, string>, lang = 'ja') {
    const opened = await page(path, lang);
    const csrf = /name="csrf" value="([^"]+)"/.exec(opened.body)?.[1] ?? '';
    const cookie = String(opened.headers['set-cookie'] ?? '').split(';')[0]!;
    return h.app.inject({
      method: 'POST',
      url: path,
      headers: { cookie, 'accept-language': lang, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf, ...fields }).toString(),
    });
  }

  test('creating with "send mail now" makes the user 利用待ち and mails a one-time URL valid 7 days', async () => {
    const u = await create(eq, eqUser('invite01'), '?sendMail=true');
    expect(u[EXT]).toMatchObject({ status: 'waiting' });
    const [mail, ...more] = await newMail();
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe('【テスト株式会社】ユーザー登録のご案内');
    expect(mail!.to).toMatchObject({ text: 'invite01@example.jp' });
    expect(mail!.text).toContain('利用者invite01 様');
    expect(mail!.text).toContain('ユーザーID: invite01');
    // 2026-04-01 18:00 JST + 7 days, written in the tenant's time zone.
    expect(mail!.text).toMatch(/2026年4月8日 18:00 JST/);
    const token = urlIn(mail!).split('/').pop()!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const stored = await h.db.selectFrom('registration_tokens').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.find((s) => s.user_id === u.id)?.expires_at).toEqual(
      new Date(h.clock.now().getTime() + 7 * DAY),
    );
  });

  test('without "send mail now" the user is 仮登録 and nothing is mailed; a dry run mails nothing either', async () => {
    const u = await create(eq, eqUser('invite02'));
    expect(u[EXT]).toMatchObject({ status: 'provisional' });
    const dry = await scim(h, eq, 'POST', '/Bulk?dryRun=true&sendMail=true', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [{ method: 'POST', path: '/Users', bulkId: 'x', data: eqUser('invite03') }],
    });
    expect(dry.statusCode).toBe(200);
    expect(await newMail()).toHaveLength(0);
  });

  test('sending later turns 仮登録 into 利用待ち (a new version, in history and audit); sending again replaces the URL', async () => {
    const u = await create(eq, eqUser('invite04'));
    const send = () =>
      h.app.inject({
        method: 'POST',
        url: `/t/${eq.tenant.slug}/api/invitations`,
        headers: { authorization: `Bearer ${eq.token}`, 'accept-language': 'ja' },
        payload: { ids: [u.id] },
      });
    const first = await send();
    expect(first.json().results).toEqual([
      { id: u.id, ok: true, userName: 'invite04', status: 'waiting', version: 2 },
    ]);
    expect(await statusOf(eq, u.id)).toBe('waiting');
    const versions = await h.db
      .selectFrom('user_history')
      .select('version')
      .where('user_id', '=', u.id)
      .execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const [firstMail] = await newMail();

    h.clock.advance(60_000);
    expect((await send()).json().results[0]).toMatchObject({ ok: true, version: 2 });
    const [secondMail] = await newMail();
    expect((await page(urlIn(firstMail!))).statusCode).toBe(410);
    expect((await page(urlIn(firstMail!))).body).toContain('このURLより新しい登録メールが送られています');
    expect((await page(urlIn(secondMail!))).statusCode).toBe(200);
    const audits = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', u.id)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['create', 'invite', 'invite']);
  });

  test('registered users, users without email and unknown ids are refused one by one', async () => {
    const active = await create(eq, eqUser('active01', {}, { status: '1' }), '');
    const r = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/api/invitations`,
      headers: { authorization: `Bearer ${eq.token}`, 'accept-language': 'ja' },
      payload: { ids: [active.id, 'nobody'] },
    });
    expect(r.json().results).toEqual([
      expect.objectContaining({
        id: active.id,
        ok: false,
        status: 409,
        detail: expect.stringContaining('登録を済ませている'),
      }),
      expect.objectContaining({ id: 'nobody', ok: false, status: 404 }),
    ]);
    const one = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/api/users/${active.id}/invitation`,
      headers: { authorization: `Bearer ${eq.token}` },
    });
    expect(one.statusCode).toBe(409);
    const anonymous = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/api/invitations`,
      payload: { ids: ['x'] },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  test('jairo: a weak password is refused, a strong one activates the account once, with the completion mail', async () => {
    const u = await create(jairo, jairoUser('taro.kenkyu'), '?sendMail=true');
    expect(u[EXT]).toMatchObject({ status: 'waiting', memberNumber: expect.stringMatching(/^\d{10}$/) });
    const path = urlIn((await newMail())[0]!);
    const opened = await page(path);
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.headers['content-security-policy']).toContain("script-src 'nonce-");
    expect(opened.body).toContain('taro.kenkyu');
    expect(opened.body).toContain('［ユーザーID］は後から変更できません。');

    const weak = await submit(path, {
      password: 'password1',
      confirm: 'password1',
      displayName: '研究 太郎',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('パスワードの強度が［平均(50%)］以下です');
    const mismatch = await submit(path, {
      password: STRONG,
      confirm: `${STRONG}x`,
      displayName: '研究 太郎',
    });
    expect(mismatch.body).toContain('［パスワード（確認）］が［パスワード］と一致しません。');
    const noCsrf = await h.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ password: STRONG, confirm: STRONG }).toString(),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await statusOf(jairo, u.id)).toBe('waiting');

    const ok = await submit(path, { password: STRONG, confirm: STRONG, displayName: '研究 太郎（理学部）' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('ユーザー登録が完了しました');
    const after = (await scim(h, jairo, 'GET', `/Users/${u.id}`)).json();
    expect(after).toMatchObject({ displayName: '研究 太郎（理学部）', meta: { version: 'W/"2"' } });
    expect(after[EXT]).toMatchObject({ status: '1', passwordIssuer: 'user' });
    const signIn = await h.app.inject({
      method: 'POST',
      url: `/t/${jairo.tenant.slug}/api/session`,
      payload: { userName: 'taro.kenkyu', password: STRONG },
    });
    expect(signIn.statusCode).not.toBe(401); // the password works (教員 may not manage users: 403)

    const [welcome] = await newMail();
    expect(welcome!.subject).toBe('【テスト大学】ユーザー登録が完了しました');
    expect(welcome!.text).toContain('テスト大学のJAIRO Cloudへようこそ');
    expect(welcome!.text).toContain('会員番号: ');
    expect(welcome!.text).toContain('表示名: 研究 太郎（理学部）');
    expect(welcome!.text).toContain('権限: 教員');
    expect(welcome!.text).not.toContain(STRONG);

    const again = await submit(path, { password: STRONG, confirm: STRONG });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('このURLはすでに使用されています');
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('resource_id', '=', u.id)
      .execute();
    expect(audit).toContainEqual({ actor: 'registration:taro.kenkyu', action: 'register' });
  });

  test('a URL works for 7 days and no longer: the 8th day shows the expired page', async () => {
    const a = await create(jairo, jairoUser('hanako.week'), '?sendMail=true');
    const b = await create(jairo, jairoUser('jiro.late'), '?sendMail=true');
    const [ma, mb] = await newMail();
    expect([a.id, b.id]).toHaveLength(2);
    h.clock.advance(7 * DAY - 60_000);
    expect((await submit(urlIn(ma!), { password: STRONG, confirm: STRONG })).statusCode).toBe(200);
    h.clock.advance(DAY);
    const late = await page(urlIn(mb!));
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('有効期限（メールが届いてから7日間）が過ぎています');
    expect(late.body).toContain('管理者に登録メールの再送を依頼してください');
    await newMail();
  });

  test('eq: the tenant character-class rule decides, and the page says it', async () => {
    await create(eq, eqUser('classes01'), '?sendMail=true');
    const path = urlIn((await newMail())[0]!);
    expect((await page(path)).body).toContain(
      '8〜128文字の半角英数字・記号で、英小文字・英大文字・数字・記号のうち3種類以上',
    );
    const two = await submit(path, { password: 'abcdefgh12', confirm: 'abcdefgh12' });
    expect(two.statusCode).toBe(422);
    expect(two.body).toMatch(/3種類以上/);
    const wide = await submit(path, { password: 'Ａbcdefgh12!', confirm: 'Ａbcdefgh12!' });
    expect(wide.statusCode).toBe(422);
    expect((await submit(path, { password: 'Abcdefgh12', confirm: 'Abcdefgh12' })).statusCode).toBe(200);
    expect((await newMail()).map((m) => m.subject)).toEqual(['【テスト株式会社】ユーザー登録が完了しました']);
  });

  test('the meter asks the server: scores for a weak and a strong password, behind the form secret', async () => {
    await create(jairo, jairoUser('meter.user'), '?sendMail=true');
    const path = urlIn((await newMail())[0]!);
    const opened = await page(path);
    const csrf = /name="csrf" value="([^"]+)"/.exec(opened.body)![1]!;
    const cookie = String(opened.headers['set-cookie']).split(';')[0]!;
    const meter = (password: string, token = csrf) =>
      h.app.inject({
        method: 'POST',
        url: `${path}/strength`,
        headers: { cookie, 'x-csrf-token': token, 'accept-language': 'ja' },
        payload: { password },
      });
    expect((await meter('password')).json()).toMatchObject({ score: 0, percent: 0, label: 'とても弱い' });
    expect((await meter(STRONG)).json()).toMatchObject({ score: 4, percent: 100, label: 'とても強い' });
    expect((await meter('meter.user2026')).json().score).toBeLessThan(3);
    expect((await meter(STRONG, 'forged')).statusCode).toBe(403);
  });

  test('too many failed attempts on one URL are slowed down', async () => {
    await create(jairo, jairoUser('limit.user'), '?sendMail=true');
    const path = urlIn((await newMail())[0]!);
    for (let i = 0; i < 10; i++)
      expect((await submit(path, { password: 'x', confirm: 'x' })).statusCode).toBe(422);
    const blocked = await submit(path, { password: STRONG, confirm: STRONG });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('試行回数が多すぎます');
    h.clock.advance(16 * 60 * 1000);
    expect((await submit(path, { password: STRONG, confirm: STRONG })).statusCode).toBe(200);
    await newMail();
  });

  test('an administrator-set password is mailed at creation; an updated one when asked', async () => {
    const u = await create(eq, { ...eqUser('pw01'), password: 'Start-pass-123' });
    expect(u[EXT]).toMatchObject({ status: '1', passwordIssuer: 'admin' });
    const [set] = await newMail();
    expect(set!.subject).toBe('【テスト株式会社】ユーザー登録のお知らせ');
    expect(set!.text).toContain('パスワード: Start-pass-123');
    const patch = (query: string, pw: string) =>
      scim(h, eq, 'PATCH', `/Users/${u.id}${query}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'password', value: pw }],
      });
    expect((await patch('', 'Second-pass-456')).statusCode).toBe(200);
    expect(await newMail()).toHaveLength(0);
    expect((await patch('?sendMail=true', 'Not-mailed-000')).statusCode).toBe(200);
    expect(await newMail()).toHaveLength(0);
    expect((await patch('?mailPassword=true', 'Third-pass-789')).statusCode).toBe(200);
    const [updated] = await newMail();
    expect(updated!.subject).toBe('【テスト株式会社】パスワード変更のお知らせ');
    expect(updated!.text).toContain('新しいパスワード: Third-pass-789');
    const stored = await h.db.selectFrom('mail_outbox').select('body').where('user_id', '=', u.id).execute();
    expect(stored.every((m) => m.body === null)).toBe(true);
  });

  test('English tenants get English mail, and English browsers get English pages', async () => {
    const u = await create(eqEn, eqUser('english01'), '?sendMail=true');
    const [invite] = await newMail();
    expect(invite!.subject).toBe('[Example Corp] Complete your user registration');
    expect(invite!.text).toContain('Dear 利用者english01,');
    expect(invite!.text).toMatch(/by \d{1,2} April 2026 at \d{2}:\d{2} BST\./);
    const path = urlIn(invite!);
    const opened = await page(path, 'en-GB,en;q=0.9');
    expect(opened.body).toContain('Complete your registration');
    expect(opened.body).toContain('The user ID cannot be changed later.');
    expect((await submit(path, { password: 'Abcdefgh12', confirm: 'Abcdefgh12' }, 'en')).body).toContain(
      'Your registration is complete',
    );
    const [welcome] = await newMail();
    expect(welcome!.subject).toBe('[Example Corp] Welcome: your registration is complete');
    expect(welcome!.text).toContain('User ID: english01');

    await scim(h, eqEn, 'PATCH', `/Users/${u.id}?mailPassword=true`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'password', value: 'Changed-pass-1' }],
    });
    const created = await create(eqEn, { ...eqUser('english02'), password: 'Given-pass-22' });
    expect(created.id).toBeTruthy();
    const mails = await newMail();
    // One delivery round sends both; UPDATE … RETURNING does not promise their order.
    expect(mails.map((m) => m.subject).sort()).toEqual([
      '[Example Corp] Your password has been changed',
      '[Example Corp] Your user account',
    ]);
    expect(mails.find((m) => m.subject?.endsWith('Your user account'))!.text).toContain(
      'Password: Given-pass-22',
    );
  });

  test('an unknown tenant gets an error page whose style the page policy allows', async () => {
    const r = await page(`/t/no-such-tenant/register/${'a'.repeat(43)}`);
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('このURLの組織は見つかりません。');
    const nonce = /style-src 'nonce-([^']+)'/.exec(String(r.headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    expect(r.body).toContain(`<style nonce="${nonce}">`);
  });

  test('the admin sees failed mail and can send it again', async () => {
    peer.rejectWith(550);
    await create(eq, eqUser('bounce01'), '?sendMail=true');
    expect(await outbox.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const get = () =>
      h.app.inject({
        method: 'GET',
        url: `/t/${eq.tenant.slug}/api/mail`,
        headers: { authorization: `Bearer ${eq.token}` },
      });
    const seenByAdmin = (await get()).json();
    expect(seenByAdmin.counts.failed).toBe(1);
    expect(seenByAdmin.mails[0]).toMatchObject({
      to: 'bounce01@example.jp',
      kind: 'invitation',
      state: 'failed',
    });
    expect(seenByAdmin.mails[0].lastError).toMatch(/550/);
    peer.rejectWith(undefined);
    const retry = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/api/mail/retry`,
      headers: { authorization: `Bearer ${eq.token}` },
    });
    expect(retry.json()).toEqual({ retried: 1 });
    expect((await newMail()).map((m) => m.to && 'text' in m.to && m.to.text)).toEqual([
      'bounce01@example.jp',
    ]);
    expect((await get()).json().counts.failed).toBeUndefined();
  });
});
