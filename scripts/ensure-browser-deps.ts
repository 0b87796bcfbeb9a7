// Installs what the browser tests need (Debian's chromium, fonts-noto-cjk) when it is missing
// and this machine can (root with apt-get); otherwise exits 1 with one line naming what to
// install. Run by `npm run e2e` (so by `npm test`) and by .ci/run.
import { spawnSync } from 'node:child_process';
import { chromiumPath, DEFAULT_CHROMIUM, missingBrowserDeps, missingLine } from './browserDeps';

const missing = missingBrowserDeps();
// A CHROMIUM_PATH of one's own is not replaced by Debian's package.
const installable = missing.filter(
  (m) => m.debianPackage !== 'chromium' || chromiumPath() === DEFAULT_CHROMIUM,
);
const canApt =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

if (installable.length > 0 && canApt) {
  const packages = installable.map((m) => m.debianPackage);
  process.stdout.write(`Installing ${packages.join(' ')} for the browser tests (apt-get)...\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status === 0)
    spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
}

const still = missingBrowserDeps();
if (still.length > 0) {
  process.stderr.write(`${missingLine(still)}\n`);
  process.exitCode = 1;
}
