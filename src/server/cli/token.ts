// `npm run server:token -- --tenant <slug> [--name <label>] [--expires <days>]` prints a new
// API token for a provisioning client as the last line; `--list` lists the tenant's tokens,
// `--revoke <id>` revokes one. Same DATA_DIR / DATABASE_URL as the server; on a PGlite data
// folder the server holds, it refuses (use the add-in or /t/{tenant}/api/tokens then).
import { parseArgs } from 'node:util';
import { listTokens, revokeToken } from '../auth/apiTokens';
import { loadConfig } from '../config';
import { openConfigured } from '../db/openConfigured';
import { createApiToken } from '../seed/bootstrap';
import { loadTenant } from '../tenants';

const USAGE =
  'Usage: npm run server:token -- --tenant <slug> [--name <label>] [--expires <days>]\n' +
  '       npm run server:token -- --tenant <slug> --list\n' +
  '       npm run server:token -- --tenant <slug> --revoke <id>';

function days(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,3}$/.test(text) || Number(text) > 3650) {
    throw new Error(`--expires takes a number of days from 1 to 3650 (got '${text}').\n${USAGE}`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      name: { type: 'string', default: 'provisioning' },
      expires: { type: 'string' },
      list: { type: 'boolean', default: false },
      revoke: { type: 'string' },
    },
  });
  if (!values.tenant) throw new Error(USAGE);
  if (values.list && values.revoke !== undefined)
    throw new Error(`Use --list or --revoke, not both.\n${USAGE}`);
  const expires = days(values.expires);
  const { db, close } = await openConfigured(loadConfig(), 'command');
  try {
    const tenant = await loadTenant(db, values.tenant);
    if (!tenant)
      throw new Error(`No tenant '${values.tenant}'. Start the server once to create the demo tenants.`);
    const now = new Date();
    if (values.list) {
      const rows = await listTokens(db, tenant);
      const lines = rows.map((r) =>
        [
          r.id,
          r.name,
          `by ${r.createdBy}`,
          `created ${r.created}`,
          `expires ${r.expires ?? 'never'}`,
          `last used ${r.lastUsed ?? 'never'}`,
          r.revoked
            ? `REVOKED ${r.revoked}`
            : r.expires && r.expires <= now.toISOString()
              ? 'EXPIRED'
              : 'active',
        ].join('\t'),
      );
      process.stdout.write(
        rows.length === 0 ? `No API tokens for tenant ${tenant.slug}.\n` : `${lines.join('\n')}\n`,
      );
      return;
    }
    if (values.revoke !== undefined) {
      if (!(await revokeToken(db, tenant, values.revoke, 'cli', now))) {
        throw new Error(`Tenant ${tenant.slug} has no API token with id '${values.revoke}' (see --list).`);
      }
      process.stderr.write(`API token ${values.revoke} of tenant ${tenant.slug} is revoked.\n`);
      return;
    }
    const name = values.name ?? 'provisioning';
    const expiresAt = expires === undefined ? null : new Date(now.getTime() + expires * 86400_000);
    const token = await createApiToken(db, tenant, name, now, { createdBy: 'cli', expiresAt });
    process.stderr.write(
      `API token '${name}' for tenant ${tenant.slug}${expiresAt ? `, valid until ${expiresAt.toISOString()}` : ''} (store it now; it is not shown again):\n`,
    );
    process.stdout.write(`${token}\n`);
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
