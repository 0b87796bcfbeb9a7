import { StringIndex } from './stringIndex';

describe('StringIndex', () => {
  test('numbers distinct values in the order first added; a value added again keeps its number', () => {
    const index = new StringIndex();
    expect(['taro', 'hanako', 'taro', 'jiro'].map((v) => index.add(v))).toEqual([0, 1, 0, 2]);
    expect(index.size).toBe(3);
    expect(['hanako', 'Taro', ''].map((v) => index.indexOf(v))).toEqual([1, -1, -1]);
  });

  test('tells apart values of the same characters, lengths and surrogate pairs', () => {
    const values = ['', 'ab', 'ba', 'a', 'aa', '😀', '\ud83d', '\ude00', '\ud83d\ude00x', 'a\u0000'];
    const index = new StringIndex();
    const numbers = values.map((_, i) => i);
    expect(values.map((v) => index.add(v))).toEqual(numbers);
    expect(values.map((v) => index.add(v))).toEqual(numbers);
  });

  test('grows past the size it was made for and still finds every value', () => {
    const index = new StringIndex(4);
    const values = Array.from({ length: 5_000 }, (_, i) => `user${i}@example.jp`);
    values.forEach((v, i) => expect(index.add(v)).toBe(i));
    expect(values.every((v, i) => index.indexOf(v) === i && index.add(v) === i)).toBe(true);
    expect(index.indexOf('user5000@example.jp')).toBe(-1);
    expect(index.size).toBe(5_000);
  });
});

describe('StringIndex with values crafted to collide', () => {
  test('hands its values to a JS Map after one long probe run, and keeps every answer right', () => {
    const index = new StringIndex(10_000, () => 7);
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    for (const v of values.slice(0, 64)) index.add(v);
    expect(index.fellBack).toBe(false);
    values.slice(64).forEach((v, i) => expect(index.add(v)).toBe(64 + i));
    expect(index.fellBack).toBe(true);
    expect(values.every((v, i) => index.indexOf(v) === i && index.add(v) === i)).toBe(true);
    expect([index.size, index.indexOf('v10000')]).toEqual([10_000, -1]);
  });

  test('values of one hash but different text are different values', () => {
    const index = new StringIndex(0, () => 1);
    expect([index.add('a'), index.add('b'), index.add('a'), index.indexOf('c')]).toEqual([0, 1, 0, -1]);
  });
});
