import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

/** Who holds a data folder: a running server, or a management command (server:token). */
export type LockHolder = 'server' | 'command';

interface LockInfo {
  pid: number;
  host: string;
  holder: LockHolder;
  since: string;
}

/** Thrown when another live process holds the data folder; its message is for the operator. */
export class DataFolderBusy extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder,
    readonly pid: number,
  ) {
    super(message);
    this.name = 'DataFolderBusy';
  }
}

/**
 * The lock file of a PGlite data folder: beside it (`<folder>.lock`), not inside, so the
 * folder itself holds only what PGlite writes and a refused command leaves it untouched.
 */
export function lockFileOf(dataDir: string): string {
  return `${resolve(dataDir).replace(/[\\/]+$/, '')}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busyMessage(dataDir: string, info: LockInfo): string {
  return info.holder === 'server'
    ? `The server is running with this data folder (${resolve(dataDir)}, process ${info.pid}): stop it, or use the admin API / the add-in.`
    : `A management command is using this data folder (${resolve(dataDir)}, process ${info.pid}): try again when it has finished.`;
}

/**
 * Takes the data folder for this process, or throws DataFolderBusy when a live process holds
 * it (two processes on one PGlite folder corrupt it). A lock left by a process that died on
 * this machine is taken over. Returns the release, which removes the lock file.
 */
export async function lockDataFolder(dataDir: string, holder: LockHolder): Promise<() => Promise<void>> {
  const file = lockFileOf(dataDir);
  const mine: LockInfo = { pid: process.pid, host: hostname(), holder, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx': created only if absent, atomically (O_CREAT | O_EXCL).
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(JSON.stringify(mine));
      await handle.close();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(file).catch(() => {});
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let info: LockInfo | undefined;
    try {
      info = JSON.parse(await readFile(file, 'utf8')) as LockInfo;
    } catch {
      info = undefined;
    }
    if (info && (info.host !== mine.host || alive(info.pid))) {
      throw new DataFolderBusy(busyMessage(dataDir, info), info.holder, info.pid);
    }
    if (!info) {
      // Being written by another process right now, or garbage: refuse rather than guess.
      throw new DataFolderBusy(
        `The data folder ${resolve(dataDir)} is locked (${file}); if no server or command runs, remove that file.`,
        'command',
        0,
      );
    }
    // The holder died without releasing: take over.
    await unlink(file).catch(() => {});
  }
  throw new DataFolderBusy(`Could not lock the data folder ${resolve(dataDir)}.`, 'command', 0);
}
