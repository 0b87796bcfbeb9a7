import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { hash, verify } from '@node-rs/argon2';
import { ROSTER_USER_EXTENSION as EXT } from '../domain';
import { SCHEMA_PATCH } from '../scim/constants';
import { eqUser } from '../../test/server/builders';
import { TestClock } from '../../test/server/harness';
import { snapshot } from '../../test/server/processes';
import { startSmtpPeer, type SmtpPeer } from '../../test/server/smtpPeer';
import { readFile } from 'node:fs/promises';
import { buildApp } from './app';
import { openDb, type Db } from './db/connect';
import { safeError } from './logging';
import { MailOutbox } from './mail/MailOutbox';
import { smtpTransport } from './mail/transports';
import { createTenant, insertAccount } from './seed/bootstrap';

// Issue 12 item 6: no secret at rest or in a log. A run with invitations, set-password mails
// (one of them failing for good), registration and sign-ins, on PGlite on disk, with the
// request logs captured: afterwards neither the logs nor the data folder hold any of the
// tokens or passwords used, and the logs hold none of the argon2 hashes.
jest.setTimeout(60_000);

describe('no secret at rest or in a log', () => {
  let dir: string;
  let db: Db;
  let peer: SmtpPeer;
  let logs = '';
  const secrets: string[] = [];
  const clock = new TestClock();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-secrets-'));
    peer = await startSmtpPeer();
  });
  afterAll(async () => {
    await peer.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('a full run leaves no token, password or hash in the logs, and no token or password in the data folder', async () => {
    const dataDir = join(dir, 'pglite');
    db = await openDb({ kind: 'pglite', dataDir });
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const app = await buildApp({
      db,
      clock: clock.now,
      logger: { level: 'trace', stream },
      publicUrl: 'https://roster.example',
      hashPassword: (pw) => hash(pw),
      verifyPassword: (h, pw) => verify(h, pw),
    });
    const outbox = new MailOutbox({
      db,
      transport: smtpTransport(peer.url, { timeoutMs: 2000 }),
      from: 'Roster <no-reply@roster.example>',
      clock: clock.now,
      log: app.log,
    });
    const tenant = await createTenant(
      db,
      { slug: 'secret', name: 'Secret Co', profile: 'eq', userLimit: 100, passwordClasses: 2 },
      clock.now(),
    );
    const adminPassword = 'Admin-Secret-pass-91';
    await insertAccount(
      db,
      tenant,
      {
        userName: 'admin01',
        displayName: '管理者',
        email: 'admin01@secret.example.jp',
        password: adminPassword,
        attrs: { role: '2', canComment: '1', status: '1', remarks: '' },
      },
      (pw) => hash(pw),
      clock.now(),
    );
    const wrong = 'Wrong-guess-Secret-77';
    secrets.push(adminPassword, wrong);
    const signIn = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/t/secret/api/session',
        payload: { userName: 'admin01', password },
        remoteAddress: '192.0.2.1',
      });
    expect((await signIn(wrong)).statusCode).toBe(401);
    const session = (await signIn(adminPassword)).json().token as string;
    secrets.push(session);
    const as = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${session}`, 'content-type': 'application/scim+json' },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });

    // A password set by the administrator, mailed; another mailed after a change.
    const setPassword = 'Set-by-Admin-Secret-42';
    const withPassword = (
      await as('POST', '/t/secret/scim/v2/Users', eqUser('pwuser', { password: setPassword }))
    ).json();
    const changed = 'Changed-Secret-pass-53';
    expect(
      (
        await as('PATCH', `/t/secret/scim/v2/Users/${withPassword.id}?mailPassword=true`, {
          schemas: [SCHEMA_PATCH],
          Operations: [{ op: 'replace', path: 'password', value: changed }],
        })
      ).statusCode,
    ).toBe(200);
    // An invitation, whose URL carries a registration token.
    await as('POST', '/t/secret/scim/v2/Users?sendMail=true', eqUser('invited'));
    secrets.push(setPassword, changed);
    await outbox.deliverDue();
    const received = await peer.waitFor(3);
    const registrationToken = /\/register\/([A-Za-z0-9_-]{43})/.exec(
      received.map((m) => m.text ?? '').join('\n'),
    )![1]!;
    secrets.push(registrationToken);
    expect(received.map((m) => m.text).join('\n')).toContain(setPassword);

    // A set-password mail that fails for good: its password must not stay behind either.
    peer.rejectWith(550);
    const doomed = 'Doomed-Secret-pass-64';
    secrets.push(doomed);
    await as('POST', '/t/secret/scim/v2/Users', eqUser('doomed', { [EXT]: { role: '0' }, password: doomed }));
    const report = await outbox.deliverDue();
    expect(report.failed).toBe(1);
    peer.rejectWith(undefined);

    // The registration page, its strength meter and the form, as a browser uses them.
    const pagePath = `/t/secret/register/${registrationToken}`;
    const opened = await app.inject({ method: 'GET', url: `${pagePath}?ref=${registrationToken}` });
    expect(opened.statusCode).toBe(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(opened.body)![1]!;
    const cookie = String(opened.headers['set-cookie']).split(';')[0]!;
    const chosen = 'Registered-Secret-pass-75';
    secrets.push(chosen);
    const meter = await app.inject({
      method: 'POST',
      url: `${pagePath}/strength`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { password: chosen },
    });
    expect(meter.statusCode).toBe(200);
    const done = await app.inject({
      method: 'POST',
      url: pagePath,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf, password: chosen, confirm: chosen }).toString(),
    });
    expect(done.statusCode).toBe(200);
    // An API token, used once in a URL's query as a careless client might.
    const apiToken = (await as('POST', '/t/secret/api/tokens', { name: 'okta' })).json().token as string;
    secrets.push(apiToken);
    await app.inject({ method: 'GET', url: `/t/secret/scim/v2/Users?access_token=${apiToken}` });
    await outbox.deliverDue();

    const hashes = (await db.selectFrom('users').select('password_hash').execute())
      .map((r) => r.password_hash)
      .filter((x): x is string => x !== null);
    expect(hashes.length).toBeGreaterThanOrEqual(3);
    await outbox.stop();
    await app.close();
    await db.destroy();

    expect(logs).toContain('"url":"/t/secret/register/');
    for (const secret of [...secrets, ...hashes]) expect(logs).not.toContain(secret);
    const files = Object.keys(await snapshot(dataDir));
    const found: string[] = [];
    for (const file of files) {
      const body = await readFile(file);
      for (const secret of secrets) if (body.includes(secret)) found.push(`${secret} in ${file}`);
    }
    expect(found).toEqual([]);
  });

  test('an error log of a failing query keeps neither its parameters nor the row it was about', async () => {
    const mem = await openDb({ kind: 'pglite' });
    const hashed = await hash('Param-Secret-pass-86');
    let caught: unknown;
    try {
      await mem
        .insertInto('users')
        .values({
          tenant_id: 999,
          id: 'x',
          user_name: 'x@secret.example.jp',
          display_name: '',
          email: 'x@secret.example.jp',
          external_id: null,
          name: null,
          attrs: '{}',
          password_hash: hashed,
          password_issuer: 'admin',
          directory_synced: false,
          self_registered: false,
          hidden: false,
          version: 1,
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    } catch (e) {
      caught = e;
    } finally {
      await mem.destroy();
    }
    expect(JSON.stringify(caught, Object.getOwnPropertyNames(caught))).toContain(hashed);
    const logged = JSON.stringify(safeError(caught));
    expect(logged).not.toContain(hashed);
    expect(logged).not.toContain('x@secret.example.jp');
    expect(logged).toContain('foreign key');
  });
});
