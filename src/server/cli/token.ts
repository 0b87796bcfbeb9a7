// `npm run server:token -- --tenant <slug> [--name <label>]`: prints a new administrator API
// token for a provisioning client as the last line (same DATA_DIR / DATABASE_URL as the server).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDb } from '../db/connect';
import { createApiToken } from '../seed/bootstrap';
import { loadTenant } from '../tenants';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, name: { type: 'string', default: 'provisioning' } },
  });
  if (!values.tenant) throw new Error('Usage: npm run server:token -- --tenant <slug> [--name <label>]');
  const config = loadConfig();
  const db = await openDb(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'pglite', dataDir: config.DATA_DIR },
  );
  try {
    const tenant = await loadTenant(db, values.tenant);
    if (!tenant)
      throw new Error(`No tenant '${values.tenant}'. Start the server once to create the demo tenants.`);
    const token = await createApiToken(db, tenant, values.name ?? 'provisioning', new Date());
    process.stderr.write(
      `API token '${values.name}' for tenant ${tenant.slug} (store it now; it is not shown again):\n`,
    );
    process.stdout.write(`${token}\n`);
  } finally {
    await db.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
