import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm run validate` says which validation ran: Microsoft's service, or offline (as here).
test('npm run validate checks manifest.xml with office-addin-manifest and says which validation ran', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate-manifest.ts'], {
    env: { ...process.env, MANIFEST_VALIDATION: 'offline' },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(
    "manifest.xml: valid (offline validation: office-addin-manifest's readManifestFile and the project's checks; Microsoft's validation service did not run: MANIFEST_VALIDATION=offline)\n",
  );
  expect(r.status).toBe(0);
}, 30_000);

test('a manifest office-addin-manifest cannot read fails with its reason', () => {
  const broken = join(mkdtempSync(join(tmpdir(), 'roster-manifest-')), 'manifest.xml');
  writeFileSync(broken, readFileSync('manifest.xml', 'utf8').replace('</Hosts>', '</Host>'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate-manifest.ts', broken], {
    env: { ...process.env, MANIFEST_VALIDATION: 'offline' },
    encoding: 'utf8',
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/^.*manifest\.xml: Unable to parse the manifest file: .* Unexpected close tag/);
}, 30_000);
