import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Runs the server or a management command as the operator would: a process of its own. */
const TSX = ['--import', 'tsx'];

/** This process's environment with `env` over it; an empty value removes the variable. */
function withEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const out = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run server:token -- <args>` (without npm) with this environment. */
export function runTokenCli(args: readonly string[], env: Record<string, string>): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, 'src/server/cli/token.ts', ...args], {
      env: withEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts `npm run server` with this environment and waits until it listens. */
export function startServer(env: Record<string, string>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, 'src/server/server.ts'], {
      env: withEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /Roster server: (http:\/\/[0-9.:]+)/.exec(out);
      if (m) {
        resolve({
          url: m[1]!,
          process: child,
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

/** Every file under a folder with its size and SHA-256: equal snapshots mean an untouched folder. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else {
        const [s, body] = await Promise.all([stat(p), readFile(p)]);
        out[p] = `${s.size}:${createHash('sha256').update(body).digest('hex')}`;
      }
    }
  };
  await walk(dir);
  return out;
}
