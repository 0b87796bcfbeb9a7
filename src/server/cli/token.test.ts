import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DB_KIND, POSTGRES_URL } from '../../../test/server/harness';
import { runTokenCli, snapshot, startServer } from '../../../test/server/processes';
import { lockFileOf } from '../db/dataLock';

// Issue 12 items 1 and 2: one owner of a PGlite data folder; `server:token` lists, mints with
// an expiry and revokes. Real processes, as an operator runs them.
jest.setTimeout(120_000);

const scimStatus = async (url: string, token: string) =>
  (
    await fetch(`${url}/t/demo-eq/scim/v2/ServiceProviderConfig`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).status;

describe('server:token on a PGlite data folder', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-cli-'));
    env = {
      DATA_DIR: join(dir, 'pglite'),
      OUTBOX_DIR: join(dir, 'outbox'),
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('refuses, clearly and with exit ≠ 0, while the server holds the folder, and leaves it untouched', async () => {
    const server = await startServer(env);
    try {
      expect(existsSync(lockFileOf(env.DATA_DIR!))).toBe(true);
      // The outbox key was made at first start, readable by the server's user only.
      expect((await stat(join(env.DATA_DIR!, 'mail-secret.key'))).mode & 0o777).toBe(0o600);
      const before = await snapshot(env.DATA_DIR!);
      for (const args of [
        ['--tenant', 'demo-eq'],
        ['--tenant', 'demo-eq', '--list'],
      ]) {
        const ran = await runTokenCli(args, env);
        expect(ran.code).not.toBe(0);
        expect(ran.stdout).toBe('');
        expect(ran.stderr).toContain('The server is running with this data folder');
        expect(ran.stderr).toContain('use the admin API / the add-in');
      }
      expect(await snapshot(env.DATA_DIR!)).toEqual(before);
      // A second server is refused the same way.
      await expect(startServer(env)).rejects.toThrow(/The server is running with this data folder/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(lockFileOf(env.DATA_DIR!))).toBe(false);
  });

  test('with the server stopped it mints (with an expiry), lists and revokes; the server then honours them', async () => {
    const okta = await runTokenCli(['--tenant', 'demo-eq', '--name', 'okta', '--expires', '30'], env);
    expect(okta.code).toBe(0);
    expect(okta.stderr).toMatch(/valid until/);
    const oktaToken = okta.stdout.trim();
    expect(oktaToken).toMatch(/^rsa_/);
    const entra = (await runTokenCli(['--tenant', 'demo-eq', '--name', 'entra'], env)).stdout.trim();
    const list = await runTokenCli(['--tenant', 'demo-eq', '--list'], env);
    expect(list.code).toBe(0);
    const entraLine = list.stdout.split('\n').find((l) => l.includes('\tentra\t'))!;
    expect(entraLine).toMatch(/\tactive$/);
    expect(list.stdout).toMatch(/\tokta\tby cli\tcreated \S+\texpires 20\d\d-/);
    expect(list.stdout).not.toContain(oktaToken);
    const id = entraLine.split('\t')[0]!;
    const revoked = await runTokenCli(['--tenant', 'demo-eq', '--revoke', id], env);
    expect(revoked.code).toBe(0);
    const bad = await runTokenCli(['--tenant', 'demo-eq', '--expires', 'soon'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--expires takes a number of days/);
    const unknown = await runTokenCli(['--tenant', 'demo-eq', '--revoke', '999999'], env);
    expect(unknown.code).not.toBe(0);

    const server = await startServer(env);
    try {
      expect(await scimStatus(server.url, oktaToken)).toBe(200);
      expect(await scimStatus(server.url, entra)).toBe(401);
    } finally {
      await server.stop();
    }
  });

  test('a command on a folder that does not exist says so and creates nothing', async () => {
    const missing = join(dir, 'nothing-here');
    const ran = await runTokenCli(['--tenant', 'demo-eq'], { ...env, DATA_DIR: missing });
    expect(ran.code).not.toBe(0);
    expect(ran.stderr).toMatch(/no data folder/);
    expect(existsSync(missing)).toBe(false);
  });
});

(DB_KIND === 'postgres' ? describe : describe.skip)('server:token on PostgreSQL', () => {
  const schema = `cli_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  let env: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    await admin(`create schema ${schema}`);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    dir = await mkdtemp(join(tmpdir(), 'roster-cli-pg-'));
    env = { DATABASE_URL: url.toString(), OUTBOX_DIR: join(dir, 'outbox'), LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    await admin(`drop schema ${schema} cascade`);
    await rm(dir, { recursive: true, force: true });
  });

  test('works while a server runs: a minted token is accepted and a revoked one refused at once', async () => {
    const server = await startServer(env);
    try {
      const minted = await runTokenCli(['--tenant', 'demo-eq', '--name', 'pg'], env);
      expect(minted.code).toBe(0);
      const token = minted.stdout.trim();
      expect(await scimStatus(server.url, token)).toBe(200);
      const id = (await runTokenCli(['--tenant', 'demo-eq', '--list'], env)).stdout
        .split('\n')
        .find((l) => l.includes('\tpg\t'))!
        .split('\t')[0]!;
      expect((await runTokenCli(['--tenant', 'demo-eq', '--revoke', id], env)).code).toBe(0);
      expect(await scimStatus(server.url, token)).toBe(401);
    } finally {
      await server.stop();
    }
  });
});
