// `npm run bench`: every speed target of the issues, measured on this machine, as one table.
import { addinBenchmarks } from './addin.bench';
import { clusterBenchmarks } from './cluster.bench';
import { domainBenchmarks } from './domain.bench';
import { hostileBenchmarks } from './hostile.bench';
import { serverBenchmarks } from './server.bench';
import { submitBenchmarks } from './submit.bench';
import { printTable, type Result } from './harness';

async function main(): Promise<void> {
  const only = process.argv[2];
  const results: Result[] = [];
  if (!only || only === 'domain') results.push(...(await domainBenchmarks()));
  if (!only || only === 'server') results.push(...(await serverBenchmarks()));
  if (!only || only === 'addin') results.push(...(await addinBenchmarks()));
  if (!only || only === 'submit') results.push(...(await submitBenchmarks()));
  if (!only || only === 'hostile') results.push(...(await hostileBenchmarks()));
  if (!only || only === 'cluster') results.push(...(await clusterBenchmarks()));
  const ok = printTable(results);
  process.exitCode = ok ? 0 : 1;
}

void main();
