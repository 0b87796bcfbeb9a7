// `npm run cluster -- --workers N [--port P]`: N server processes on ports P+1…P+N against the
// same DATABASE_URL, behind a round-robin proxy on P (PORT, or 8080). For trying several
// processes on one machine; production runs them behind a real load balancer
// (docs/OPERATIONS.md, "Running several processes").
import { parseArgs } from 'node:util';
import { startCluster } from './clusterKit';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { workers: { type: 'string', default: '2' }, port: { type: 'string' } },
  });
  const workers = Number(values.workers);
  const base = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error('--workers: 1 to 64.');
  if (!Number.isInteger(base) || base < 1 || base + workers > 65535) throw new Error('--port: 1 to 65535.');
  if (!process.env.DATABASE_URL) {
    throw new Error('Set DATABASE_URL: several processes share one PostgreSQL (PGlite is one process only).');
  }
  const ports = Array.from({ length: workers }, (_, i) => base + 1 + i);
  const cluster = await startCluster(workers, {}, { ports, proxyPort: base });
  for (const s of cluster.servers) {
    // What each wrote while starting (the first one's banner), then whatever it writes next.
    process.stdout.write(s.output());
    s.child.stdout!.pipe(process.stdout);
    s.child.stderr!.pipe(process.stderr);
  }
  process.stdout.write(
    `Roster cluster: ${workers} processes on ports ${ports[0]}-${ports.at(-1)}, round-robin proxy on ${cluster.proxy.url}/\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A process that ends on its own ends the cluster: the operator sees it at once.
  for (const s of cluster.servers) {
    void s.exited.then((code) => {
      if (stopping) return;
      process.stderr.write(`server on port ${s.port} ended (${code}):\n${s.output()}\n`);
      stop();
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
