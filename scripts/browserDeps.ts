// What the browser tests need from the machine: a Chromium to drive (Debian's, since test tools
// cannot download browser builds here) and, on Linux, a Japanese font so that screenshots show
// Japanese text instead of boxes. Used by scripts/ensure-browser-deps.ts (installs them) and by
// the browser tests' global setup (stops at once, naming what is missing).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface Missing {
  /** The Debian package that provides it. */
  debianPackage: string;
  /** What is missing, in words. */
  what: string;
}

/** The Chromium the tests drive: CHROMIUM_PATH, or Debian's. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** What the browser tests need and this machine lacks. */
export function missingBrowserDeps(env: NodeJS.ProcessEnv = process.env): Missing[] {
  const missing: Missing[] = [];
  const chromium = chromiumPath(env);
  if (!executable(chromium)) missing.push({ debianPackage: 'chromium', what: `no Chromium at ${chromium}` });
  if (process.platform === 'linux' && !hasCjkFont())
    missing.push({ debianPackage: 'fonts-noto-cjk', what: 'no Japanese font' });
  return missing;
}

/** One line saying what to install (or where to point CHROMIUM_PATH). */
export function missingLine(missing: readonly Missing[]): string {
  const packages = missing.map((m) => m.debianPackage).join(' ');
  return (
    `Browser tests cannot run: ${missing.map((m) => m.what).join(', ')}. ` +
    `Install them with \`apt-get install ${packages}\` (Debian/Ubuntu, as root)` +
    (missing.some((m) => m.debianPackage === 'chromium')
      ? ', or set CHROMIUM_PATH to a Chromium or Chrome executable.'
      : '.')
  );
}
