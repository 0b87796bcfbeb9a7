// Server processes on one database, and a tiny round-robin proxy in front of them: what
// `npm run cluster`, the cluster test and the cluster bench start. The proxy is for trying and
// measuring on one machine only; production puts a real load balancer there
// (docs/OPERATIONS.md, "Running several processes").
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createNetServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * A port nobody listens on right now, below Linux's ephemeral range (32768 and up,
 * /proc/sys/net/ipv4/ip_local_port_range), so that no outgoing connection takes it as its source
 * port in the seconds before a server process binds it.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
}

/**
 * A temporary folder for the processes' DATA_DIR: with DATABASE_URL they keep nothing there but
 * the demo credentials file, written next to it. `remove` deletes it.
 */
export async function tempDataDir(): Promise<{ dataDir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'roster-cluster-'));
  return { dataDir: join(dir, 'pglite'), remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** What the process wrote, stdout and stderr together (the last 64 kB). */
  output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it has not ended after `ms`. */
  stop: (ms?: number) => Promise<number | string>;
}

/** Starts `npm run server`'s entry (src/server/server.ts) as its own process on `port`. */
export function startServer(port: number, env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_FORMAT: 'json', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-65_536);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    exited,
    stop: async (ms = 15_000) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), ms);
        const code = await exited;
        clearTimeout(timer);
        return code;
      }
      return exited;
    },
  };
}

/** Resolves once GET /readyz answers 200; rejects if the process ends or `ms` pass first. */
export async function waitReady(server: ServerProcess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  let ended = false;
  void server.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`server on port ${server.port} ended before ready:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until)
      throw new Error(`server on port ${server.port} not ready in ${ms} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Proxy {
  port: number;
  url: string;
  close: () => Promise<void>;
}

/**
 * A round-robin HTTP proxy on 127.0.0.1:`port` (0: any free port) over `targets` (ports). A
 * request goes to the next target; a target that refuses the connection (down) is skipped for
 * the next one, so a request is never sent twice to live processes. Bodies are buffered.
 */
export function startProxy(targets: readonly number[], port = 0): Promise<Proxy> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const first = next++ % targets.length;
      const attempt = (tried: number) => {
        const target = targets[(first + tried) % targets.length]!;
        const up = request(
          { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ECONNREFUSED' && tried + 1 < targets.length) return attempt(tried + 1);
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ detail: `proxy: ${err.code ?? err.message}` }));
        });
        up.end(body);
      };
      attempt(0);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      resolve({
        port: p,
        url: `http://127.0.0.1:${p}`,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

export interface Cluster {
  servers: ServerProcess[];
  proxy: Proxy;
  /** Stops the proxy and every process (SIGTERM, then SIGKILL). */
  stop: () => Promise<void>;
}

/**
 * Starts `workers` server processes together (on `ports`, or free ones) against the same
 * DATABASE_URL in `env`, waits until each is ready, and puts the proxy in front.
 * If any fails to start, every one is stopped before the error is thrown.
 */
export async function startCluster(
  workers: number,
  env: NodeJS.ProcessEnv,
  options: { ports?: number[]; proxyPort?: number } = {},
): Promise<Cluster> {
  const chosen = options.ports;
  const ports = chosen ?? (await Promise.all(Array.from({ length: workers }, freePort)));
  const servers = ports.map((p) => startServer(p, env));
  const stopAll = async () => {
    await Promise.all(servers.map((s) => s.stop()));
  };
  // A port picked here may be taken by someone else before the process binds it: then that
  // one process starts again on another (never with ports the caller chose).
  const ready = async (i: number, tries = 3): Promise<void> => {
    try {
      await waitReady(servers[i]!);
    } catch (e) {
      if (chosen || tries <= 1 || !servers[i]!.output().includes('EADDRINUSE')) throw e;
      ports[i] = await freePort();
      servers[i] = startServer(ports[i]!, env);
      await ready(i, tries - 1);
    }
  };
  try {
    await Promise.all(servers.map((_, i) => ready(i)));
    const proxy = await startProxy(ports, options.proxyPort);
    return {
      servers,
      proxy,
      stop: async () => {
        await proxy.close();
        await stopAll();
      },
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
