// Issue 17: 10,000 creates via /Bulk through 1 and then 3 server processes on one PostgreSQL, in
// the same run, behind the round-robin proxy of `npm run cluster`; the speed-up as a ratio.
import { performance } from 'node:perf_hooks';
import { startCluster, tempDataDir } from '../scripts/clusterKit';
import { openDb } from '../src/server/db/connect';
import { createApiToken, createTenant } from '../src/server/seed/bootstrap';
import { bulkCreate } from '../test/server/builders';
import { freshSchema } from '../test/server/pgSchema';
import type { Result } from './harness';

const N = 10_000;
const CHUNK = 1_000;
/** Bulk requests in flight at once, the same for 1 and 3 processes. */
const CLIENTS = 3;
const RUNS = 3;

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The median time of RUNS × 10,000 creates (each run a fresh tenant) through `workers` processes. */
async function through(workers: number): Promise<number> {
  const schema = await freshSchema();
  const db = await openDb({ kind: 'postgres', url: schema.url, poolMax: 2 });
  const data = await tempDataDir();
  const cluster = await startCluster(workers, {
    DATABASE_URL: schema.url,
    LOG_LEVEL: 'warn',
    CPU_WORKERS: '1',
    DATA_DIR: data.dataDir,
  });
  try {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const slug = `cluster-${run}`;
      const tenant = await createTenant(
        db,
        { slug, name: slug, profile: 'eq', userLimit: 100_000, passwordClasses: 2 },
        new Date(),
      );
      const token = await createApiToken(db, tenant, 'bench', new Date());
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
      const bodies = Array.from({ length: N / CHUNK }, (_, k) =>
        JSON.stringify(bulkCreate('c', CHUNK, k * CHUNK)),
      );
      let created = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let body = bodies.shift(); body; body = bodies.shift()) {
            const res = await fetch(`${cluster.proxy.url}/t/${slug}/scim/v2/Bulk`, {
              method: 'POST',
              headers,
              body,
            });
            const json = (await res.json()) as { Operations: { status: string }[] };
            created += json.Operations.filter((o) => o.status === '201').length;
          }
        }),
      );
      times.push(performance.now() - t0);
      if (created !== N) throw new Error(`${workers} process(es): created ${created} of ${N}`);
    }
    return medianOf(times);
  } finally {
    await cluster.stop();
    await db.destroy();
    await schema.drop();
    await data.remove();
  }
}

export async function clusterBenchmarks(): Promise<Result[]> {
  const one = await through(1);
  const three = await through(3);
  const note = `${CLIENTS} Bulk requests of ${CHUNK} in flight, one tenant`;
  return [
    { name: 'PostgreSQL: 10,000 creates via /Bulk through 1 process', ms: one, runs: RUNS, note },
    {
      name: 'PostgreSQL: 10,000 creates via /Bulk through 3 processes',
      ms: three,
      runs: RUNS,
      note: `speed-up ${(one / three).toFixed(2)}x over 1 process (${note})`,
    },
  ];
}
