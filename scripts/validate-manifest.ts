// `npm run validate`: checks manifest.xml offline against the files the build serves.
import { readdirSync, readFileSync } from 'node:fs';
import { validateManifest } from '../src/manifest/validateManifest';

/** The paths webpack.config.js serves: the two pages, help, and the icons. */
function servedFiles(): Set<string> {
  const icons = readdirSync('assets')
    .filter((f) => f.endsWith('.png'))
    .map((f) => `assets/${f}`);
  return new Set(['taskpane.html', 'commands.html', 'help.html', ...icons]);
}

const problems = validateManifest(readFileSync('manifest.xml', 'utf8'), servedFiles());
for (const p of problems) process.stderr.write(`manifest.xml: ${p}\n`);
process.stdout.write(problems.length === 0 ? 'manifest.xml: ok\n' : `${problems.length} problem(s)\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
