// `npm run cluster -- --workers N`: N processes on consecutive ports behind a round-robin proxy.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tempDataDir } from '../../scripts/clusterKit';
import { DB_KIND } from '../../test/server/harness';
import { freshSchema } from '../../test/server/pgSchema';

const onPg = DB_KIND === 'postgres' ? describe : describe.skip;
const SCRIPT = join(__dirname, '../../scripts/cluster.ts');

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A base port with the next `n` ports free too, below Linux's ephemeral range (32768 and up,
 * /proc/sys/net/ipv4/ip_local_port_range): outgoing connections never take these meanwhile.
 */
async function freeRun(n: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await Promise.all(Array.from({ length: n + 1 }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | string>((r) => child.once('exit', (code, sig) => r(code ?? sig ?? '')));
  return { child, exited, output: () => out };
}

onPg('npm run cluster', () => {
  jest.setTimeout(90_000);

  test('two processes on consecutive ports behind the proxy; SIGTERM stops them all', async () => {
    const schema = await freshSchema();
    const base = await freeRun(2);
    const data = await tempDataDir();
    const c = run(['--workers', '2', '--port', String(base)], {
      DATABASE_URL: schema.url,
      DATA_DIR: data.dataDir,
    });
    try {
      const until = Date.now() + 80_000;
      while (!c.output().includes('Roster cluster:')) {
        if (Date.now() > until || c.child.exitCode !== null) throw new Error(c.output());
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(c.output()).toContain(
        `2 processes on ports ${base + 1}-${base + 2}, round-robin proxy on http://127.0.0.1:${base}/`,
      );
      for (const port of [base, base + 1, base + 2]) {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(res.status).toBe(200);
      }
      c.child.kill('SIGTERM');
      expect(await c.exited).toBe(0);
      for (const port of [base, base + 1, base + 2]) expect(await portIsFree(port)).toBe(true);
    } finally {
      // SIGTERM lets the script stop its processes; SIGKILL only if it does not end.
      if (c.child.exitCode === null && c.child.signalCode === null) {
        c.child.kill('SIGTERM');
        const timer = setTimeout(() => c.child.kill('SIGKILL'), 30_000);
        await c.exited;
        clearTimeout(timer);
      }
      await schema.drop();
      await data.remove();
    }
  });

  test('without DATABASE_URL it refuses, saying why', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--workers', '2'], {
      env,
      stdio: 'pipe',
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/Set DATABASE_URL/);
  });
});
