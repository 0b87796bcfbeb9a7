import { eqBaseline, rowsOf } from '../test/builders';
import { diffRoster, profiles, validateRows, type RosterRow } from '../src/domain';
import { median, type Result } from './harness';

/** A pulled roster of `n` users with realistic edits: 1% bad cells, 2% changed, 1% deleted, 1% added. */
function editedSheet(n: number) {
  const baseline = eqBaseline(n);
  const rows: RosterRow[] = rowsOf(baseline).filter((_, i) => i % 100 !== 7);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (i % 100 === 3) rows[i] = { ...r, values: { ...r.values, email: 'broken-address' } };
    if (i % 50 === 1) rows[i] = { ...r, values: { ...r.values, remarks: `changed ${i}` } };
  }
  for (let i = 0; i < n / 100; i++) {
    rows.push({
      rowNumber: n + 2 + i,
      values: { ...baseline[0]!.values, userName: `added${i}`, email: `added${i}@example.jp` },
    });
  }
  return { baseline, rows };
}

export async function domainBenchmarks(): Promise<Result[]> {
  const results: Result[] = [];
  for (const [n, targetMs] of [
    [10_000, 100],
    [100_000, 300],
  ] as const) {
    const { rows } = editedSheet(n);
    let problems = 0;
    const ms = await median(() => {
      problems = validateRows(profiles.eq, rows, {
        mode: 'register-invite',
        locale: 'ja',
        passwordClasses: 2,
      }).length;
    });
    results.push({
      name: `validateRows eq ${n.toLocaleString('en')} rows`,
      ms,
      targetMs,
      note: `${problems} problems`,
    });
  }
  const { baseline, rows } = editedSheet(100_000);
  let summary = '';
  const ms = await median(() => {
    const cs = diffRoster(baseline, rows, { profile: profiles.eq, operatorUserName: 'user000002' });
    summary = `+${cs.additions.length} ~${cs.updates.length} -${cs.deletions.length}`;
  });
  results.push({ name: 'diffRoster eq 100,000 rows', ms, targetMs: 150, note: summary });
  return results;
}
