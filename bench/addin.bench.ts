import { performance } from 'node:perf_hooks';
import { profiles, validateRows } from '../src/domain';
import { RosterClient } from '../src/client/RosterClient';
import { OfficeRosterSheet, type ExcelRun } from '../src/excel/OfficeRosterSheet';
import { pulledUser } from '../src/excel/pulledUser';
import { FakeExcel } from '../test/excel/FakeExcel';
import { bulkCreate } from '../test/server/builders';
import { scim, startHarness } from '../test/server/harness';
import { pulledUsers } from '../test/excel/pulled';
import type { Result } from './harness';

const N = 10_000;

/** Pull of 10,000 users (real server on PGlite over HTTP, client, fake sheet) and marking. */
export async function addinBenchmarks(): Promise<Result[]> {
  const h = await startHarness({}, 'pglite');
  try {
    const t = await h.tenant({ slug: 'pull', userLimit: 20_000 });
    for (let i = 0; i < N; i += 1000) await scim(h, t, 'POST', '/Bulk', bulkCreate('pull', 1000, i));
    const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const client = new RosterClient({
      connection: { serverUrl: base, tenant: 'pull' },
      token: t.token,
      locale: 'ja',
    });
    // As the pane starts: the profile read first, so pulls ask only for the sheet's attributes.
    await client.tenantProfile();

    const pulls: number[] = [];
    let excel = new FakeExcel();
    let sheet = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
    for (let run = 0; run < 3; run++) {
      excel = new FakeExcel();
      sheet = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
      const t0 = performance.now();
      const users = (await client.listUsers()).map((u) => pulledUser(profiles.eq, u));
      await sheet.writeRoster(profiles.eq, users, {
        tenant: 'pull',
        profileId: 'eq',
        locale: 'ja',
        sheetName: '名簿',
        pulledAt: new Date().toISOString(),
      });
      pulls.push(performance.now() - t0);
    }
    pulls.sort((a, b) => a - b);
    const syncs = excel.syncs.length;
    const largest = Math.max(...excel.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));

    // 1,000 bad cells: break emails on the sheet, validate, mark (a fresh session: worst case).
    for (let r = 2; r < 1002; r++) await excel.type('名簿', `C${r}`, 'broken-address');
    const fresh = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
    const rows = await fresh.readRows(profiles.eq);
    const problems = validateRows(profiles.eq, rows, { mode: 'update', locale: 'ja', passwordClasses: 2 });
    excel.syncs = [];
    const t0 = performance.now();
    const report = await fresh.markProblems(problems);
    const markMs = performance.now() - t0;
    const markSyncs = excel.syncs.length;
    return [
      await longRemarks(),
      {
        name: `pull ${N.toLocaleString('en')} users into the sheet (HTTP + fake Excel)`,
        ms: pulls[1]!,
        runs: 3,
        met: syncs <= 8 && largest <= 4 * 1024 * 1024,
        note: `${syncs} syncs (target <= 8), largest ${(largest / 1024 / 1024).toFixed(2)} MB (target <= 4)`,
      },
      {
        name: `mark ${report.marked.toLocaleString('en')} bad cells (${report.noted} notes)`,
        ms: markMs,
        runs: 1,
        met: markSyncs <= 3,
        note: `${markSyncs} syncs (target <= 3)`,
      },
    ];
  } finally {
    await h.close();
  }
}

const MB = 1024 * 1024;

/**
 * Issue 14: pull (write, check, baseline) and read back (baseline and rows, as a fresh pane
 * session does) of 10,000 users with 1,000-character remarks: about 12 MB of values, so every
 * request and response must be sized. Reports syncs and the largest request and response.
 */
async function longRemarks(): Promise<Result> {
  const users = pulledUsers(N);
  for (const u of users) u.values.remarks = '備考'.repeat(500);
  const excel = new FakeExcel();
  const t0 = performance.now();
  await new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel).writeRoster(profiles.eq, users, {
    tenant: 'pull',
    profileId: 'eq',
    locale: 'ja',
    sheetName: '名簿',
    pulledAt: new Date().toISOString(),
  });
  const pullSyncs = excel.syncs.length;
  const fresh = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
  await fresh.loadBaseline();
  const rows = await fresh.readRows(profiles.eq);
  const ms = performance.now() - t0;
  const request = Math.max(...excel.syncs.map((s) => s.requestBytes));
  const response = Math.max(...excel.syncs.map((s) => s.responseBytes));
  return {
    name: `pull + read ${N.toLocaleString('en')} users with 1,000-character remarks (fake Excel)`,
    ms,
    runs: 1,
    met: rows.length === N && request <= 4 * MB && response <= 4 * MB,
    note: `${pullSyncs} syncs to pull, ${excel.syncs.length - pullSyncs} to read; largest request ${(request / MB).toFixed(2)} MB, response ${(response / MB).toFixed(2)} MB (target <= 4)`,
  };
}
