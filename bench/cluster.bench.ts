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

/**
 * The median time of RUNS × 10,000 creates (fresh tenants each run) through `workers` processes:
 * all in one tenant, then spread over CLIENTS tenants (one each), as a multi-tenant host sees them.
 * Creations in one tenant take turns on the tenant's row lock (the contract limit), so only the
 * work around them runs in parallel there.
 */
async function through(workers: number): Promise<{ oneTenant: number; manyTenants: number }> {
  const schema = await freshSchema();
  const db = await openDb({ kind: 'postgres', url: schema.url, poolMax: 2 });
  const data = await tempDataDir();
  const cluster = await startCluster(workers, {
    DATABASE_URL: schema.url,
    LOG_LEVEL: 'warn',
    CPU_WORKERS: '1',
    DATA_DIR: data.dataDir,
  });
  const tenantOf = async (slug: string) => {
    const tenant = await createTenant(
      db,
      { slug, name: slug, profile: 'eq', userLimit: 100_000, passwordClasses: 2 },
      new Date(),
    );
    const token = await createApiToken(db, tenant, 'bench', new Date());
    return { slug, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' } };
  };
  const timed = async (tenants: { slug: string; headers: Record<string, string> }[]) => {
    const bodies = Array.from({ length: N / CHUNK }, (_, k) =>
      JSON.stringify(bulkCreate('c', CHUNK, k * CHUNK)),
    );
    let created = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const { slug, headers } = tenants[c % tenants.length]!;
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
    if (created !== N) throw new Error(`${workers} process(es): created ${created} of ${N}`);
    return performance.now() - t0;
  };
  try {
    const one: number[] = [];
    const many: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      one.push(await timed([await tenantOf(`one-${run}`)]));
      const spread = [];
      for (let c = 0; c < CLIENTS; c++) spread.push(await tenantOf(`many-${run}-${c}`));
      many.push(await timed(spread));
    }
    return { oneTenant: medianOf(one), manyTenants: medianOf(many) };
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
  const note = `${CLIENTS} Bulk requests of ${CHUNK} in flight`;
  const speedUp = (a: number, b: number) => `speed-up ${(a / b).toFixed(2)}x over 1 process`;
  return [
    {
      name: 'PostgreSQL: 10,000 /Bulk creates, one tenant, through 1 process',
      ms: one.oneTenant,
      runs: RUNS,
      note,
    },
    {
      name: 'PostgreSQL: 10,000 /Bulk creates, one tenant, through 3 processes',
      ms: three.oneTenant,
      runs: RUNS,
      note: `${speedUp(one.oneTenant, three.oneTenant)} (${note})`,
    },
    {
      name: `PostgreSQL: 10,000 /Bulk creates, ${CLIENTS} tenants, through 1 process`,
      ms: one.manyTenants,
      runs: RUNS,
      note,
    },
    {
      name: `PostgreSQL: 10,000 /Bulk creates, ${CLIENTS} tenants, through 3 processes`,
      ms: three.manyTenants,
      runs: RUNS,
      note: `${speedUp(one.manyTenants, three.manyTenants)} (${note})`,
    },
  ];
}
