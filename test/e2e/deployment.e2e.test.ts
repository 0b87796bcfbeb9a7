import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A build for a real host (ADDIN_URL) writes a manifest for that host, which validates and has no
// dev-server URL left in it.
const out = mkdtempSync(join(tmpdir(), 'roster-deploy-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('ADDIN_URL=https://roster.example.ac.jp npm run build: a deployable manifest that validates', () => {
  const build = spawnSync(
    process.execPath,
    ['node_modules/webpack/bin/webpack.js', '--mode', 'production', '--output-path', out],
    { env: { ...process.env, ADDIN_URL: 'https://roster.example.ac.jp/' }, encoding: 'utf8' },
  );
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
  const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
  expect(manifest).not.toMatch(/localhost/i);
  expect(manifest).toContain('<SourceLocation DefaultValue="https://roster.example.ac.jp/taskpane.html"/>');
  expect(manifest).toContain('<AppDomain>https://roster.example.ac.jp</AppDomain>');

  const validate = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/validate-manifest.ts', join(out, 'manifest.xml')],
    {
      env: { ...process.env, MANIFEST_VALIDATION: 'offline' },
      encoding: 'utf8',
    },
  );
  expect(validate.stderr).toBe('');
  expect(validate.stdout).toBe(
    `${join(out, 'manifest.xml')}: valid (offline validation: office-addin-manifest's readManifestFile and the project's checks; Microsoft's validation service did not run: MANIFEST_VALIDATION=offline)\n`,
  );
  expect(validate.status).toBe(0);
}, 180_000);

test('an ADDIN_URL that Office cannot load from is refused with a message saying why', () => {
  const r = spawnSync(
    process.execPath,
    ['-e', "require('./scripts/manifestFor.js').manifestFor('<x/>', 'http://roster.example.ac.jp')"],
    { encoding: 'utf8' },
  );
  expect(r.status).not.toBe(0);
  expect(r.stderr).toContain(
    "ADDIN_URL must be an https URL like https://roster.example.ac.jp (got 'http://roster.example.ac.jp')",
  );
});
