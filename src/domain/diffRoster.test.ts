import fc from 'fast-check';
import { eqBaseline, eqValues, jairoValues, rowsOf } from '../../test/builders';
import { diffRoster, profiles, type BaselineRow, type RosterRow } from '.';

const eq = profiles.eq;

function edit(rows: RosterRow[], rowNumber: number, values: Record<string, string>): RosterRow[] {
  return rows.map((r) => (r.rowNumber === rowNumber ? { ...r, values: { ...r.values, ...values } } : r));
}

describe('diffRoster', () => {
  const baseline = eqBaseline(5);

  test('an untouched pull has no changes', () => {
    const cs = diffRoster(baseline, rowsOf(baseline), { profile: eq });
    expect(cs.additions).toEqual([]);
    expect(cs.updates).toEqual([]);
    expect(cs.deletions).toEqual([]);
    expect(cs.problems).toEqual([]);
    expect(cs.unchanged).toHaveLength(5);
  });

  test('an update carries only the changed fields, with before and after, and the pulled version', () => {
    const rows = edit(rowsOf(baseline), 3, { remarks: '異動予定', groups: '1 2' });
    const cs = diffRoster(baseline, rows, { profile: eq });
    expect(cs.updates).toEqual([
      {
        rowNumber: 3,
        id: 'id-1',
        version: 'W/"1"',
        changes: [
          { column: 'groups', before: '101', after: '1 2' },
          { column: 'remarks', before: '', after: '異動予定' },
        ],
      },
    ]);
    expect(cs.unchanged).toHaveLength(4);
  });

  test('rows without an id are additions; empty lines are not', () => {
    const rows = [
      ...rowsOf(baseline),
      { rowNumber: 7, values: eqValues({ userName: 'newuser' }) },
      { rowNumber: 8, values: { remarks: '' } },
    ];
    const cs = diffRoster(baseline, rows, { profile: eq });
    expect(cs.additions.map((a) => [a.rowNumber, a.values.userName])).toEqual([[7, 'newuser']]);
  });

  test('baseline ids no longer on the sheet are deletions', () => {
    const rows = rowsOf(baseline).filter((r) => r.id !== 'id-2' && r.id !== 'id-4');
    const cs = diffRoster(baseline, rows, { profile: eq });
    expect(cs.deletions.map((d) => [d.id, d.version, d.values.userName])).toEqual([
      ['id-2', 'W/"2"', 'user000002'],
      ['id-4', 'W/"4"', 'user000004'],
    ]);
  });

  test('sorting the sheet changes nothing: rows are matched by id, not position', () => {
    const rows = rowsOf(baseline)
      .reverse()
      .map((r, i) => ({ ...r, rowNumber: i + 2 }));
    const cs = diffRoster(baseline, rows, { profile: eq });
    expect(cs.updates).toEqual([]);
    expect(cs.deletions).toEqual([]);
  });

  test('a row whose id is not in the baseline is a problem, not an addition or update', () => {
    const rows = [...rowsOf(baseline), { rowNumber: 9, id: 'id-from-elsewhere', values: eqValues() }];
    const cs = diffRoster(baseline, rows, { profile: eq });
    expect(cs.problems).toEqual([
      expect.objectContaining({ rowNumber: 9, column: 'id', code: 'unknownId', id: 'id-from-elsewhere' }),
    ]);
    expect(cs.additions).toEqual([]);
    expect(cs.updates).toEqual([]);
  });

  test('an id on two rows (a copied row) is a problem on both, and neither is applied', () => {
    const rows = rowsOf(baseline);
    const copy = { ...rows[1]!, rowNumber: 10, values: { ...rows[1]!.values, remarks: 'copy' } };
    const cs = diffRoster(baseline, [...rows, copy], { profile: eq });
    expect(cs.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [3, 'id', 'duplicate'],
      [10, 'id', 'duplicate'],
    ]);
    expect(cs.problems[0]!.message).toContain('10行目');
    expect(cs.updates).toEqual([]);
    expect(cs.deletions).toEqual([]);
  });

  test.each<[string, string, string, Record<string, string>, BaselineRow['flags']]>([
    ['the user ID once created', 'userName', 'renamed', {}, {}],
    ['the user name of a synced user', 'displayName', '別名', {}, { directorySynced: true }],
    ['the email of a synced user', 'email', 'other@example.jp', {}, { directorySynced: true }],
    ['the role of a synced user', 'role', '1', {}, { directorySynced: true }],
    ['the comment permission of a synced user', 'canComment', '0', {}, { directorySynced: true }],
    ['the status of a synced user', 'status', '2', {}, { directorySynced: true }],
    ['the user name of a self-registered user', 'displayName', '別名', {}, { selfRegistered: true }],
    ['the email of a self-registered user', 'email', 'other@example.jp', {}, { selfRegistered: true }],
    ['a status the server set (provisional)', 'status', '1', { status: 'provisional' }, {}],
    ['a status to one only the server sets (waiting)', 'status', 'waiting', {}, {}],
  ])('changing %s is a read-only problem', (_name, column, after, before, flags) => {
    const base: BaselineRow[] = [{ id: 'u', version: '1', values: eqValues(before), flags }];
    const rows = edit(rowsOf(base), 2, { [column]: after });
    const cs = diffRoster(base, rows, { profile: eq });
    expect(cs.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([[2, column, 'readOnly']]);
  });

  test.each<[string, Record<string, string>, BaselineRow['flags'], Record<string, string>]>([
    ['groups and remarks of a synced user', { groups: '5', remarks: 'x' }, { directorySynced: true }, {}],
    [
      'role, comment permission and status of a self-registered user',
      { role: '1', canComment: '0', status: '2' },
      { selfRegistered: true },
      {},
    ],
    ['the status of a provisional user to suspended', { status: '2' }, {}, { status: 'provisional' }],
    ['the status of a waiting user to suspended', { status: '2' }, {}, { status: 'waiting' }],
  ])('changing %s is allowed', (_name, changes, flags, before) => {
    const base: BaselineRow[] = [{ id: 'u', version: '1', values: eqValues(before), flags }];
    const cs = diffRoster(base, edit(rowsOf(base), 2, changes), { profile: eq });
    expect(cs.problems).toEqual([]);
    expect(cs.updates[0]!.changes).toHaveLength(Object.keys(changes).length);
  });

  test('the member number (jairo) is server-managed', () => {
    const base: BaselineRow[] = [{ id: 'u', version: '1', values: jairoValues({ memberNumber: '0001' }) }];
    const cs = diffRoster(base, edit(rowsOf(base), 2, { memberNumber: '0002' }), { profile: profiles.jairo });
    expect(cs.problems.map((p) => p.code)).toEqual(['readOnly']);
  });

  test("changing the operator's own role is a problem; other fields of their row are fine", () => {
    const rows = edit(rowsOf(baseline), 4, { role: '0', remarks: 'me' });
    const cs = diffRoster(baseline, rows, { profile: eq, operatorUserName: 'USER000002' });
    expect(cs.problems).toEqual([
      {
        rowNumber: 4,
        column: 'role',
        code: 'ownAccount',
        message: "4行目でエラー: 操作しているご自身のアカウントの'権限'は変更できません。",
      },
    ]);
  });

  test("changing the operator's own status (suspending themselves) is a problem too", () => {
    const rows = edit(rowsOf(baseline), 4, { status: '2' });
    const cs = diffRoster(baseline, rows, { profile: eq, operatorUserName: 'user000002', locale: 'en' });
    expect(cs.problems.map((p) => [p.column, p.code])).toEqual([['status', 'ownAccount']]);
  });

  test("deleting the operator's own row is a problem naming the account", () => {
    const rows = rowsOf(baseline).filter((r) => r.id !== 'id-3');
    const cs = diffRoster(baseline, rows, { profile: eq, operatorUserName: 'user000003', locale: 'en' });
    expect(cs.problems).toEqual([
      {
        rowNumber: null,
        column: 'userName',
        code: 'ownAccount',
        id: 'id-3',
        message: 'Deleted row: You cannot delete your own account (user000003).',
      },
    ]);
  });

  test('typed passwords of existing users are changes only in an explicit password update', () => {
    const rows = edit(rowsOf(baseline), 2, { password: 'Secret123' });
    expect(diffRoster(baseline, rows, { profile: eq }).updates).toEqual([]);
    expect(diffRoster(baseline, rows, { profile: eq, passwordUpdates: true }).updates[0]!.changes).toEqual([
      { column: 'password', before: '', after: 'Secret123' },
    ]);
  });

  test('without a profile every key is compared', () => {
    const base: BaselineRow[] = [{ id: 'a', version: '1', values: { x: '1' } }];
    const cs = diffRoster(base, [{ rowNumber: 2, id: 'a', values: { x: '1', y: '2' } }]);
    expect(cs.updates[0]!.changes).toEqual([{ column: 'y', before: '', after: '2' }]);
  });
});

describe('diffRoster properties', () => {
  const baselineArb = fc.integer({ min: 0, max: 40 }).map((n) => eqBaseline(n));

  test('diffRoster(b, rowsOf(b)) is empty', () => {
    fc.assert(
      fc.property(baselineArb, (b) => {
        const cs = diffRoster(b, rowsOf(b), { profile: eq });
        expect([cs.additions, cs.updates, cs.deletions, cs.problems]).toEqual([[], [], [], []]);
        expect(cs.unchanged).toHaveLength(b.length);
      }),
    );
  });

  test('the changeset does not depend on row order', () => {
    fc.assert(
      fc.property(
        baselineArb,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('edit', 'delete', 'add', 'copy'))),
        fc.integer(),
        (b, ops, seed) => {
          let rows = rowsOf(b);
          let next = rows.length + 2;
          for (const [pick, op] of ops) {
            const target = rows.length > 0 ? rows[pick % rows.length]! : undefined;
            if (op === 'add') rows.push({ rowNumber: next++, values: eqValues({ userName: `new${next}` }) });
            else if (!target) continue;
            else if (op === 'delete') rows = rows.filter((r) => r !== target);
            else if (op === 'copy') rows.push({ ...target, rowNumber: next++ });
            else rows = edit(rows, target.rowNumber, { remarks: `r${pick}` });
          }
          const key = (r: RosterRow) => (r.rowNumber * 2654435761 + seed) % 1000;
          const shuffled = [...rows].sort((x, y) => key(x) - key(y));
          const norm = (cs: ReturnType<typeof diffRoster>) => ({
            additions: [...cs.additions].sort((x, y) => x.rowNumber - y.rowNumber),
            updates: [...cs.updates].sort((x, y) => x.rowNumber - y.rowNumber),
            deletions: cs.deletions,
            unchanged: [...cs.unchanged].sort((x, y) => x.rowNumber - y.rowNumber),
            problems: [...cs.problems].sort((x, y) => (x.rowNumber ?? 0) - (y.rowNumber ?? 0)),
          });
          expect(norm(diffRoster(b, shuffled, { profile: eq }))).toEqual(
            norm(diffRoster(b, rows, { profile: eq })),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
