// `npm run bench`: every speed target of the issues, measured on this machine, as one table.
// `npm run bench -- --only <group>` (or `-- <group>`) runs one group: domain, server, addin,
// submit, hostile, cluster.
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

async function main(): Promise<void> {
  const names = selected(process.argv.slice(2));
  // Figures depend on the machine: say which one, and how busy it was.
  const load = loadavg().map((l) => l.toFixed(2));
  process.stdout.write(
    `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ` +
      `load average ${load.join(' ')}; groups: ${names.join(', ')}\n\n`,
  );
  const results: Result[] = [];
  for (const name of names) results.push(...(await groups[name]!()));
  const ok = printTable(results);
  process.stdout.write(
    `\nload average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  process.exitCode = ok ? 0 : 1;
}

void main();
