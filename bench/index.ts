// `npm run bench`: every speed target of the issues, measured on this machine, as one table.
// `npm run bench -- --only <group>` (or `-- <group>`) runs one group: domain, server, addin,
// submit, hostile, cluster. Each group runs in a process of its own (inOwnProcess).
import { fork } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { addinBenchmarks } from './addin.bench';
import { clusterBenchmarks } from './cluster.bench';
import { domainBenchmarks } from './domain.bench';
import { hostileBenchmarks } from './hostile.bench';
import { serverBenchmarks } from './server.bench';
import { submitBenchmarks } from './submit.bench';
import { printTable, type Result } from './harness';

const groups: Record<string, () => Promise<Result[]>> = {
  domain: domainBenchmarks,
  server: serverBenchmarks,
  addin: addinBenchmarks,
  submit: submitBenchmarks,
  hostile: hostileBenchmarks,
  cluster: clusterBenchmarks,
};

function selected(argv: readonly string[]): string[] {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? argv[i + 1] : argv.find((a) => !a.startsWith('-'));
  if (!only) return Object.keys(groups);
  const names = only.split(',');
  const unknown = names.filter((n) => !(n in groups));
  if (unknown.length > 0)
    throw new Error(`Unknown bench group ${unknown.join(', ')}; one of ${Object.keys(groups).join(', ')}.`);
  return names;
}

/**
 * Runs one group in a process of its own and returns its results. A group must not pay for the
 * heap another left behind: after the domain group's 100,000-row sheets, the server group's
 * PGlite creates took 1,589 ms against 975-997 ms alone (issue 18), and the server runs in a
 * process of its own in production too.
 */
function inOwnProcess(name: string): Promise<Result[]> {
  return new Promise((resolve, reject) => {
    let results: Result[] | undefined;
    const child = fork(__filename, ['--only', name, '--child'], { execArgv: ['--import', 'tsx'] });
    child.on('message', (m) => {
      results = m as Result[];
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (results && code === 0) resolve(results);
      else reject(new Error(`The bench group ${name} stopped (${code ?? 'signal'}) without results.`));
    });
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const names = selected(args);
  if (args.includes('--child') && process.send) {
    process.send(await groups[names[0]!]!(), () => process.exit(0));
    return;
  }
  // Figures depend on the machine: say which one, and how busy it was.
  const load = loadavg().map((l) => l.toFixed(2));
  process.stdout.write(
    `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ` +
      `load average ${load.join(' ')}; groups: ${names.join(', ')}\n\n`,
  );
  const results: Result[] = [];
  for (const name of names) results.push(...(await inOwnProcess(name)));
  const ok = printTable(results);
  process.stdout.write(
    `\nload average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  process.exitCode = ok ? 0 : 1;
}

void main();
