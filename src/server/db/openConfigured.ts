import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config';
import { openDb, type Db } from './connect';
import { lockDataFolder, type LockHolder } from './dataLock';

/**
 * The database the configuration names. A PGlite data folder is locked for this process
 * first (DataFolderBusy when a server or another command holds it), and `close` releases it;
 * PostgreSQL takes any number of processes, so nothing is locked.
 */
export async function openConfigured(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'> & Partial<Pick<Config, 'DB_POOL_MAX'>>,
  holder: LockHolder,
): Promise<{ db: Db; close: () => Promise<void> }> {
  if (config.DATABASE_URL) {
    const db = await openDb({
      kind: 'postgres',
      url: config.DATABASE_URL,
      ...(config.DB_POOL_MAX ? { poolMax: config.DB_POOL_MAX } : {}),
    });
    return { db, close: () => db.destroy() };
  }
  // Only a server creates a data folder.
  if (holder === 'server') await mkdir(config.DATA_DIR, { recursive: true });
  else if (!existsSync(config.DATA_DIR)) {
    throw new Error(
      `There is no data folder at ${resolve(config.DATA_DIR)}: start the server once (DATA_DIR).`,
    );
  }
  const release = await lockDataFolder(config.DATA_DIR, holder);
  try {
    const db = await openDb({ kind: 'pglite', dataDir: config.DATA_DIR });
    return {
      db,
      close: async () => {
        await db.destroy();
        await release();
      },
    };
  } catch (e) {
    await release();
    throw e;
  }
}
