// `npm run validate [-- dist/manifest.xml]`: checks the add-in manifest with office-addin-manifest,
// the tool of Microsoft's add-in template. Its full validation posts the file to Microsoft's
// validation service; where that cannot be reached (offline, as in CI), the tool's own parsing
// (readManifestFile) and the project's offline checks (src/manifest) run instead. The last line
// says which validation ran. MANIFEST_VALIDATION=offline skips the service.
import { readdirSync, readFileSync } from 'node:fs';
import { OfficeAddinManifest, validateManifest as validateOnline } from 'office-addin-manifest';
import { validateManifest } from '../src/manifest/validateManifest';

const file = process.argv[2] ?? 'manifest.xml';
const SERVICE_TIMEOUT_MS = 20_000;

/** The paths webpack.config.js serves: the two pages, help, and the icons. */
function servedFiles(): Set<string> {
  const icons = readdirSync('assets')
    .filter((f) => f.endsWith('.png'))
    .map((f) => `assets/${f}`);
  return new Set(['taskpane.html', 'commands.html', 'help.html', ...icons]);
}

type Online = { ran: true; ok: boolean; lines: string[] } | { ran: false; why: string };

async function online(): Promise<Online> {
  if (process.env.MANIFEST_VALIDATION === 'offline')
    return { ran: false, why: 'MANIFEST_VALIDATION=offline' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const v = await Promise.race([
      validateOnline(file),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer in ${SERVICE_TIMEOUT_MS / 1000} s`)),
          SERVICE_TIMEOUT_MS,
        );
      }),
    ]);
    if (!v.report)
      return { ran: false, why: `the service answered ${v.status ?? '?'} ${v.statusText ?? ''}`.trim() };
    const issue = (kind: string) => (i: { title?: string; content?: string; line?: number }) =>
      `${kind}: ${i.title ?? ''} ${i.content ?? ''}${i.line ? ` (line ${i.line})` : ''}`.trim();
    return {
      ran: true,
      ok: v.isValid,
      lines: [
        ...(v.report.errors ?? []).map(issue('error')),
        ...(v.report.warnings ?? []).map(issue('warning')),
      ],
    };
  } catch (e) {
    const cause = (e as { message?: string }).message?.split('\n').filter(Boolean).pop() ?? String(e);
    return { ran: false, why: cause.trim() };
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  // The tool's own reading of the manifest: throws on XML it cannot parse.
  const info = await OfficeAddinManifest.readManifestFile(file);
  const source = info.defaultSettings?.sourceLocation ?? '';
  const base = source.replace(/\/taskpane\.html$/, '');
  const problems = validateManifest(readFileSync(file, 'utf8'), servedFiles(), base);
  for (const p of problems) process.stderr.write(`${file}: ${p}\n`);

  const result = await online();
  if (result.ran) {
    for (const l of result.lines) process.stderr.write(`${file}: ${l}\n`);
    const ok = result.ok && problems.length === 0;
    process.stdout.write(
      `${file}: ${ok ? 'valid' : 'NOT valid'} (office-addin-manifest: Microsoft's validation service` +
        `${result.ok ? ' accepted it' : ' refused it'}; the project's checks: ${problems.length} problem(s))\n`,
    );
    return ok ? 0 : 1;
  }
  process.stdout.write(
    `${file}: ${problems.length === 0 ? 'valid' : `${problems.length} problem(s)`} ` +
      `(offline validation: office-addin-manifest's readManifestFile and the project's checks; ` +
      `Microsoft's validation service did not run: ${result.why})\n`,
  );
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(
      `${file}: ${e instanceof Error ? e.message.replace(/\s*\n\s*/g, ' ').trim() : String(e)}\n`,
    );
    process.exit(1);
  },
);
