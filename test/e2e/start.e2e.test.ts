import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

// `npm start` as a newcomer runs it: one banner once both servers are up, every URL it prints
// answers 200, the dev server's certificate is the one office-addin-dev-certs made, and the demo
// passwords are shown on the first start only.
const home = mkdtempSync(join(tmpdir(), 'roster-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(home, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Runs a script until its output contains each of `until`; resolves with everything printed so far. */
function startUntil(
  args: string[],
  env: NodeJS.ProcessEnv,
  until: string | string[],
): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      if ([until].flat().every((u) => out.includes(u))) resolve({ child, out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code} before '${until}':\n${out}`)));
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** GET, accepting the dev certificate whoever made it; gives the status and the served certificate. */
function get(url: string): Promise<{ status: number; fingerprint?: string; location?: string }> {
  return new Promise((resolve, reject) => {
    if (url.startsWith('http://')) {
      fetch(url).then((r) => resolve({ status: r.status }), reject);
      return;
    }
    const req = request(url, { rejectUnauthorized: false }, (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate();
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          fingerprint: cert.fingerprint256,
          ...(res.headers.location ? { location: res.headers.location } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

test('npm start: one banner, every printed URL answers 200, office-addin-dev-certs certificate, passwords once', async () => {
  const [port, addinPort] = [await freePort(), await freePort()];
  const env = {
    ...process.env,
    HOME: home,
    PORT: String(port),
    ADDIN_PORT: String(addinPort),
    DATA_DIR: join(home, 'data', 'pglite'),
    OUTBOX_DIR: join(home, 'data', 'outbox'),
    PANE_DIR: join(home, 'no-build'),
    DEV_CERTS_INSTALL: '0',
  };
  const { child, out } = await startUntil(['--import', 'tsx', 'scripts/start.ts'], env, 'Stop with Ctrl-C.');
  const banner = out.slice(out.indexOf('━━ Roster Sheet is running ━━'));
  expect(banner).toContain(`http://127.0.0.1:${port}/`);
  expect(banner).toMatch(/demo-eq\s+user admin\s+password \S+/);
  expect(banner).toContain(`kept in ${join(home, 'data', 'demo-credentials.json')}`);
  expect(banner).toContain('npx office-addin-dev-certs install');
  expect(statSync(join(home, 'data', 'demo-credentials.json')).mode & 0o777).toBe(0o600);

  const urls = [...banner.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]);
  expect(urls.length).toBeGreaterThanOrEqual(4);
  const served = new X509Certificate(readFileSync(join(home, '.office-addin-dev-certs', 'localhost.crt')));
  for (const url of urls) {
    const r = await get(url);
    expect([url, r.status]).toEqual([url, 200]);
    if (url.startsWith('https://')) expect(r.fingerprint).toBe(served.fingerprint256);
  }
  // The dev server's root leads to the pane's page.
  expect(await get(`https://localhost:${addinPort}/`)).toMatchObject({
    status: 302,
    location: '/taskpane.html',
  });
  await stopped(child);

  // A later start of the server says where the passwords are instead of printing them again;
  // its logs are readable lines when asked for (as in a terminal), JSON otherwise.
  const again = await startUntil(
    ['--import', 'tsx', 'src/server/server.ts'],
    { ...env, LOG_FORMAT: 'pretty' },
    ['Demo sign-in', 'Server listening'],
  );
  await new Promise((r) => setTimeout(r, 200));
  expect(again.out).toContain(`the passwords are in ${join(home, 'data', 'demo-credentials.json')}`);
  expect(again.out).not.toContain('password ');
  await stopped(again.child);
  expect(again.out).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Server listening at http:\/\/127\.0\.0\.1:\d+$/m);
  const json = await startUntil(['--import', 'tsx', 'src/server/server.ts'], env, [
    'Demo sign-in',
    'Server listening',
  ]);
  await stopped(json.child);
  expect(json.out).toMatch(/^\{"level":30,.*"msg":"Server listening at http:\/\/127\.0\.0\.1:\d+"\}$/m);
}, 240_000);
