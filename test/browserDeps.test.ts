import { spawnSync } from 'node:child_process';

// Without Chromium the browser tests stop at once with one line naming what to install, instead
// of a cascade of timeouts. Shown by pointing CHROMIUM_PATH at a file that does not exist.
const env = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' };
const expected =
  'Browser tests cannot run: no Chromium at /nonexistent/chromium. Install them with `apt-get install chromium` (Debian/Ubuntu, as root), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

test('the browser tests stop before any test with one line naming the missing package', () => {
  const r = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      'node_modules/jest/bin/jest.js',
      '--config',
      'jest.e2e.config.js',
      'test/e2e/pane.e2e.test.ts',
    ],
    { env, encoding: 'utf8', timeout: 60_000 },
  );
  expect(r.status).toBe(1);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toEqual([expected]);
}, 60_000);

test('the install script leaves a Chromium of your own alone and names what is missing', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-browser-deps.ts'], {
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`${expected}\n`);
}, 30_000);
