import { missingBrowserDeps, missingLine } from '../../scripts/browserDeps';

/**
 * Before any browser test: without Chromium (or the Japanese font) every test would fail after
 * its own timeout in a cascade of errors; instead the run stops here with one line.
 */
export default function globalSetup(): void {
  const missing = missingBrowserDeps();
  if (missing.length === 0) return;
  process.stderr.write(`\n${missingLine(missing)}\n`);
  process.exit(1);
}
