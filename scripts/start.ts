// `npm start`: the Roster server and the task pane's https dev server together, with how to
// sideload the add-in. Stops both when either stops or on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => `[${name}] ${l}\n`)
      .join('');
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  child.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`[${name}] stopped (${code ?? 'signal'}): stopping the rest.\n`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code: number): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const port = process.env.PORT ?? '8080';
run('server', process.execPath, ['--import', 'tsx', 'src/server/server.ts']);
run('add-in', process.execPath, ['node_modules/webpack/bin/webpack.js', 'serve', '--mode', 'development']);

process.stdout.write(
  [
    '',
    'Roster Sheet',
    `  Roster server: http://127.0.0.1:${port} (demo tenants and sign-in are printed by [server])`,
    '  Task pane:     https://localhost:3000/taskpane.html (calls the server through /t/ on the same origin)',
    'Sideload the add-in (manifest.xml):',
    '  Excel on the web: Insert > Add-ins > Upload My Add-in, and choose manifest.xml.',
    '  Windows / Mac:    npx office-addin-debugging start manifest.xml desktop',
    '  The dev server uses a self-signed certificate: trust it first (npx office-addin-dev-certs install),',
    '  or open https://localhost:3000/taskpane.html once in the browser Excel uses and accept it.',
    'See TESTING.md for the checklist in real Excel.',
    '',
  ].join('\n'),
);
