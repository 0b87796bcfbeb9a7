// `npm run bench`: every speed target of the issues, measured on this machine, as one table.
import { domainBenchmarks } from './domain.bench';
import { printTable, type Result } from './harness';

async function main(): Promise<void> {
  const results: Result[] = [...(await domainBenchmarks())];
  const ok = printTable(results);
  process.exitCode = ok ? 0 : 1;
}

void main();
