import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderBusy, lockDataFolder, lockFileOf } from './dataLock';

describe('the data folder lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'roster-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('one holder at a time; the release frees it', async () => {
    const data = join(dir, 'pglite');
    const release = await lockDataFolder(data, 'server');
    expect(JSON.parse(await readFile(lockFileOf(data), 'utf8'))).toMatchObject({
      pid: process.pid,
      holder: 'server',
    });
    await expect(lockDataFolder(data, 'command')).rejects.toThrow(DataFolderBusy);
    await expect(lockDataFolder(data, 'command')).rejects.toThrow(
      /The server is running with this data folder/,
    );
    await release();
    expect(existsSync(lockFileOf(data))).toBe(false);
    await (
      await lockDataFolder(data, 'command')
    )();
  });

  test('a lock left by a process that died is taken over', async () => {
    const data = join(dir, 'pglite');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(
      lockFileOf(data),
      JSON.stringify({ pid: dead, host: hostname(), holder: 'server', since: new Date().toISOString() }),
    );
    const release = await lockDataFolder(data, 'server');
    expect(JSON.parse(await readFile(lockFileOf(data), 'utf8')).pid).toBe(process.pid);
    await release();
  });

  test('a lock file that cannot be read is not guessed about', async () => {
    const data = join(dir, 'pglite');
    await writeFile(lockFileOf(data), 'garbage');
    await expect(lockDataFolder(data, 'server')).rejects.toThrow(/remove that file/);
  });
});
