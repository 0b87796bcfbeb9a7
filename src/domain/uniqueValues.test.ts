import { UniqueValues } from './uniqueValues';

describe('UniqueValues', () => {
  const values = ['a', 'B', 'c', 'b', 'A', 'b'];

  test('groups the rows of each repeated value, in the order counted, ignoring case when told', () => {
    const seen = new UniqueValues(true, values.length);
    values.forEach((v, i) => seen.add(v, i));
    expect(seen.groups((i) => values[i]!)).toEqual([
      [0, 4],
      [1, 3, 5],
    ]);
  });

  test('compares exactly when case matters', () => {
    const seen = new UniqueValues(false, values.length);
    values.forEach((v, i) => seen.add(v, i));
    expect(seen.groups((i) => values[i]!)).toEqual([[3, 5]]);
  });

  test('has no groups when every value differs, and never reads a value back then', () => {
    const seen = new UniqueValues(true, 3);
    ['x', 'y', 'z'].forEach((v, i) => seen.add(v, i));
    expect(
      seen.groups(() => {
        throw new Error('read back');
      }),
    ).toEqual([]);
  });
});
