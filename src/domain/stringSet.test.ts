import { StringSet } from './stringSet';

describe('StringSet', () => {
  test('adds a value once: the second add says it was there', () => {
    const set = new StringSet();
    expect([set.add('taro'), set.add('hanako'), set.add('taro')]).toEqual([true, true, false]);
    expect(set.size).toBe(2);
    expect([set.has('taro'), set.has('Taro'), set.has('')]).toEqual([true, false, false]);
  });

  test('tells apart values of the same characters, lengths and surrogate pairs', () => {
    const values = ['', 'ab', 'ba', 'a', 'aa', '😀', '\ud83d', '\ude00', '\ud83d\ude00x', 'a\u0000'];
    const set = new StringSet();
    expect(values.map((v) => set.add(v))).toEqual(values.map(() => true));
    expect(values.map((v) => set.add(v))).toEqual(values.map(() => false));
  });

  test('grows past the size it was made for and still finds every value', () => {
    const set = new StringSet(4);
    const values = Array.from({ length: 5_000 }, (_, i) => `user${i}@example.jp`);
    for (const v of values) expect(set.add(v)).toBe(true);
    expect(values.every((v) => set.has(v) && !set.add(v))).toBe(true);
    expect(set.has('user5000@example.jp')).toBe(false);
    expect(set.size).toBe(5_000);
  });
});

describe('StringSet with values crafted to collide', () => {
  test('hands its values to a JS Set after one long probe run, and keeps every answer right', () => {
    const set = new StringSet(10_000, () => 7);
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    for (const v of values.slice(0, 64)) set.add(v);
    expect(set.fellBack).toBe(false);
    for (const v of values.slice(64)) expect(set.add(v)).toBe(true);
    expect(set.fellBack).toBe(true);
    expect(values.every((v) => set.has(v) && !set.add(v))).toBe(true);
    expect([set.size, set.has('v10000')]).toEqual([10_000, false]);
  });

  test('values of one hash but different text are different values', () => {
    const set = new StringSet(0, () => 1);
    expect([set.add('a'), set.add('b'), set.add('a'), set.has('c')]).toEqual([true, true, false, false]);
  });
});
