// `npm run server:tenant -- --tenant <slug> [--login-url <url> | --clear-login-url]` shows a
// tenant's settings or sets the login page of its service. Same DATA_DIR / DATABASE_URL as the
// server; on a PGlite data folder the server holds, it refuses (stop the server first).
import { loadConfig } from '../config';
import { openConfigured } from '../db/openConfigured';
import { configureTenant } from './tenantSettings';

async function main(): Promise<void> {
  const { db, close } = await openConfigured(loadConfig(), 'command');
  try {
    await configureTenant(db, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
