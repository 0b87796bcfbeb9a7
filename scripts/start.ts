// `npm start`: the Roster server and the task pane's https dev server together. Their start-up
// output is held back until both are ready, then one banner says what works where; after that,
// their output passes through with a [server] / [add-in] prefix. Stops both when either stops or
// on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';

const serverPort = process.env.PORT ?? '8080';
const addinPort = process.env.ADDIN_PORT ?? '3000';
const addinUrl = `https://localhost:${addinPort}`;
const children: ChildProcess[] = [];
let stopping = false;
let ready = false;
const held: string[] = [];
const serverBlock: string[] = [];
let serverReady = false;
let addinReady = false;
let certificateNote = '';

function out(line: string, stream: NodeJS.WriteStream = process.stdout): void {
  if (ready) stream.write(`${line}\n`);
  else held.push(line);
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv, onLine: (l: string) => boolean): void {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  for (const [stream, target] of [
    [child.stdout!, process.stdout],
    [child.stderr!, process.stderr],
  ] as const) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop()!;
      for (const l of lines) if (!onLine(l) && l.trim() !== '') out(`[${name}] ${l}`, target);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) {
      for (const l of held) process.stderr.write(`${l}\n`);
      process.stderr.write(`[${name}] stopped (${code ?? 'signal'}): stopping the rest.\n`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

function stop(code: number): void {
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function banner(): void {
  ready = true;
  const server = serverBlock[0]?.replace(/^Roster server: /, '') ?? `http://127.0.0.1:${serverPort}/`;
  const certDir = join(homedir(), '.office-addin-dev-certs');
  const lines = [
    ...held,
    '',
    '━━ Roster Sheet is running ━━',
    `  ${server}  the Roster server: what it is, the tenants and their SCIM bases`,
    `  ${addinUrl}/taskpane.html  the task pane (open it in Excel; in a browser it says how)`,
    `  ${addinUrl}/harness.html  the browser harness: the pane on a fake workbook, no Excel needed`,
    `  ${addinUrl}/manifest.xml  the add-in's manifest (the same as ./manifest.xml)`,
    ...serverBlock.slice(1),
    'Sideload the add-in (manifest.xml):',
    '  Excel on the web: Insert > Add-ins > Upload My Add-in, and choose manifest.xml.',
    '  Excel on Windows / Mac: npx office-addin-debugging start manifest.xml desktop',
    certificateNote
      ? `  The dev certificate is not trusted yet: run npx office-addin-dev-certs install, then npm start again.`
      : `  The dev certificate (${certDir}) is trusted.`,
    'TESTING.md is the checklist in real Excel. Stop with Ctrl-C.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function maybeReady(): void {
  if (serverReady && addinReady && !ready) banner();
}

// Quiet by default; the server's logs readable in a terminal (its output is a pipe to here).
const quiet = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
const serverEnv = {
  ...quiet,
  ADDIN_DEV_URL: addinUrl,
  LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
  ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
};
let inBlock = false;
run('server', ['--import', 'tsx', 'src/server/server.ts'], serverEnv, (l) => {
  if (ready) return false;
  if (l.startsWith('Roster server: ')) inBlock = true;
  if (!inBlock) return false;
  if (l.trim() === '') {
    inBlock = false;
    serverReady = true;
    maybeReady();
  } else serverBlock.push(l);
  return true;
});
run(
  'add-in',
  ['node_modules/webpack/bin/webpack.js', 'serve', '--mode', 'development'],
  { ...quiet, PORT: serverPort, ADDIN_PORT: addinPort },
  (l) => {
    if (l.startsWith('The dev certificate') && l.includes('not trusted')) {
      certificateNote = l;
      return true;
    }
    // webpack-cli's own line after each build: the banner (or a failure line) says it already.
    if (/^webpack compiled successfully/.test(l)) return true;
    if (l.startsWith('Add-in built.')) {
      addinReady = true;
      maybeReady();
      return true;
    }
    return false;
  },
);
if (!existsSync('node_modules/webpack'))
  process.stderr.write('Run npm ci first (node_modules is missing).\n');
