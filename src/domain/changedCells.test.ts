import { changedCells } from './changedCells';
import { diffRoster } from './diffRoster';
import { profiles } from './profiles';

const eq = profiles.eq;
const base = {
  id: 'a',
  version: '1',
  values: { displayName: 'A', userName: 'aaaa', role: '0', status: '1' },
};

describe('changed, unsent cells (issue 15)', () => {
  test('the typed cells of a new row, the changed fields of an existing one, a typed password', () => {
    const rows = [
      { rowNumber: 2, id: 'a', values: { ...base.values, role: '2', password: 'Secret-123' } },
      { rowNumber: 3, values: { displayName: 'B', userName: '', role: '0' } },
    ];
    const cs = diffRoster([base], rows, { profile: eq });
    expect(changedCells(eq, cs, rows)).toEqual([
      { rowNumber: 3, column: 'displayName' },
      { rowNumber: 3, column: 'role' },
      { rowNumber: 2, column: 'role' },
      { rowNumber: 2, column: 'password' },
    ]);
  });

  test('an edit back to the pulled value is no change; sent rows are left out', () => {
    const rows = [
      { rowNumber: 2, id: 'a', values: { ...base.values } },
      { rowNumber: 3, values: { displayName: 'B' } },
    ];
    const cs = diffRoster([base], rows, { profile: eq });
    expect(changedCells(eq, cs, rows)).toEqual([{ rowNumber: 3, column: 'displayName' }]);
    expect(changedCells(eq, cs, rows, (n) => n !== 3)).toEqual([]);
  });
});
