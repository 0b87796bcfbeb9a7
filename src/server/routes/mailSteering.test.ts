import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { openBody } from '../mail/mailSecret';

// Issue 12 item 7 (and 8's cookies): links and mail that cannot be steered.
// Starting a database (PGlite) takes seconds on a busy machine.
jest.setTimeout(30_000);

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  // No PUBLIC_URL: links must come from the listen address, never from a request's Host.
  h = await startHarness({ trustProxy: '127.0.0.1' });
  t = await h.tenant({ slug: 'steer' });
});
afterAll(() => h.close());

const bodiesFor = async (userId: string) =>
  (
    await h.db.selectFrom('mail_outbox').select('body').where('user_id', '=', userId).orderBy('id').execute()
  ).map((r) => openBody(r.body!));

const invite = (id: string, lang = 'en') =>
  h.app.inject({
    method: 'POST',
    url: `/t/steer/api/users/${id}/invitation`,
    headers: { authorization: `Bearer ${t.token}`, 'accept-language': lang },
  });

describe('links in mail', () => {
  test('a forged Host never reaches a mail: links use the listen address', async () => {
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await scim(h, t, 'POST', '/Users?sendMail=true', eqUser('forged'), {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    });
    expect(res.statusCode).toBe(201);
    const [body] = await bodiesFor(res.json().id);
    expect(body).not.toContain('evil.example');
    expect(body).toContain(`${address}/t/steer/register/`);
  });
});

describe('resending the registration mail', () => {
  test('at most once a minute: 429 with Retry-After and a message saying when', async () => {
    const u = (await scim(h, t, 'POST', '/Users', eqUser('resend1'))).json();
    expect((await invite(u.id)).statusCode).toBe(200);
    const again = await invite(u.id);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBe(60);
    expect(again.json().detail).toMatch(/again in 1 minute/);
    h.clock.advance(30_000);
    const ja = await invite(u.id, 'ja');
    expect(Number(ja.headers['retry-after'])).toBe(30);
    expect(ja.json().detail).toMatch(/1分後/);
    h.clock.advance(30_000);
    expect((await invite(u.id)).statusCode).toBe(200);
  });

  test('at most ten a day, per user, also through the list endpoint', async () => {
    const u = (await scim(h, t, 'POST', '/Users', eqUser('resend2'))).json();
    const other = (await scim(h, t, 'POST', '/Users', eqUser('resend3'))).json();
    for (let i = 0; i < 10; i++) {
      expect((await invite(u.id)).statusCode).toBe(200);
      h.clock.advance(61_000);
    }
    const res = await h.app.inject({
      method: 'POST',
      url: '/t/steer/api/invitations',
      headers: { authorization: `Bearer ${t.token}`, 'accept-language': 'en' },
      payload: { ids: [u.id, other.id] },
    });
    const [refused, sent] = res.json().results;
    expect(refused).toMatchObject({ id: u.id, ok: false, status: 429 });
    expect(refused.retryAfter).toBeGreaterThan(22 * 3600);
    expect(refused.detail).toMatch(/10 registration mails/);
    expect(sent).toMatchObject({ id: other.id, ok: true });
    expect(await bodiesFor(u.id)).toHaveLength(10);
  });
});

describe('the registration page', () => {
  test('strength checks with bad tokens count against the bad-token limit of the address', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 30; i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/t/steer/register/${'x'.repeat(40)}${String(i).padStart(3, '0')}/strength`,
        headers: { cookie: 'rs_csrf=a', 'x-csrf-token': 'a' },
        payload: { password: 'p' },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(410);
    }
    const page = await h.app.inject({
      method: 'GET',
      url: `/t/steer/register/${'y'.repeat(43)}`,
      remoteAddress: ip,
    });
    expect(page.statusCode).toBe(429);
  });

  test('the CSRF cookie is Secure when the request came over HTTPS through the trusted proxy only', async () => {
    const u = (await scim(h, t, 'POST', '/Users', eqUser('cookie1'))).json();
    await invite(u.id);
    const [body] = (await bodiesFor(u.id)).slice(-1);
    const path = /(\/t\/steer\/register\/[A-Za-z0-9_-]{43})/.exec(body!)![1]!;
    const open = (remoteAddress: string) =>
      h.app.inject({ method: 'GET', url: path, remoteAddress, headers: { 'x-forwarded-proto': 'https' } });
    const proxied = await open('127.0.0.1');
    expect(String(proxied.headers['set-cookie'])).toMatch(/; Secure/);
    const direct = await open('192.0.2.5');
    expect(String(direct.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});
