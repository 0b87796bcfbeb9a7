import { spawnSync } from 'node:child_process';
import { missingBrowserDeps, missingLine } from '../scripts/browserDeps';

// Without Chromium the browser tests stop at once with one line naming what to install, instead
// of a cascade of timeouts. Shown by pointing CHROMIUM_PATH at a file that does not exist.
const env = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' };

test('the line names the missing Chromium, the Debian package and CHROMIUM_PATH', () => {
  const line = missingLine(missingBrowserDeps(env));
  expect(line).toMatch(/^Browser tests cannot run: no Chromium at \/nonexistent\/chromium[,.]/);
  expect(line).toMatch(/`apt-get install chromium( fonts-noto-cjk)?` \(Debian\/Ubuntu, as root\)/);
  expect(line).toMatch(/or set CHROMIUM_PATH to a Chromium or Chrome executable\.$/);
});

test('the browser tests stop before any test with that one line', () => {
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
  expect(lines).toEqual([missingLine(missingBrowserDeps(env))]);
}, 60_000);

test('the install script leaves a Chromium of your own alone and names what is missing', () => {
  // (Where it can, it installs the Japanese font if that is missing too; Chromium stays missing.)
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-browser-deps.ts'], {
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect(r.status).toBe(1);
  expect(r.stdout).not.toContain('chromium');
  expect(r.stderr.trim().split('\n').pop()).toBe(missingLine(missingBrowserDeps(env)));
}, 300_000);
