import { profiles } from './profiles';
import { sortKeyOf, sortRoster } from './sortRoster';

const u = (key: string, value: string) => ({ id: value || key, values: { [key]: value } });

describe('the roster sorted on pull (issue 15)', () => {
  test('eq by user ID, jairo by member number', () => {
    expect(sortKeyOf(profiles.eq)).toBe('userName');
    expect(sortKeyOf(profiles.jairo)).toBe('memberNumber');
  });

  test('numbers numerically, whatever their length; text in the locale’s order', () => {
    const values = ['10', '9', '000123', '1234567890123456789', '2', 'user10', 'user9', 'abc'];
    const sorted = sortRoster(
      profiles.jairo,
      values.map((v) => u('memberNumber', v)),
      'ja',
    );
    expect(sorted.map((r) => r.values.memberNumber)).toEqual([
      '2',
      '9',
      '10',
      '000123',
      '1234567890123456789',
      'abc',
      'user9',
      'user10',
    ]);
  });

  test('stable: equal keys keep their order; blank keys go last', () => {
    const rows = [u('userName', ''), u('userName', 'B'), u('userName', 'a'), u('userName', 'b')];
    rows[0]!.id = 'blank';
    const sorted = sortRoster(profiles.eq, rows, 'en');
    expect(sorted.map((r) => r.id)).toEqual(['a', 'B', 'b', 'blank']);
  });

  test('pure: the input is not reordered', () => {
    const rows = [u('userName', 'b'), u('userName', 'a')];
    sortRoster(profiles.eq, rows, 'ja');
    expect(rows.map((r) => r.values.userName)).toEqual(['b', 'a']);
  });
});
