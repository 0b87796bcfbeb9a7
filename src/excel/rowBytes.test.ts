import { rowBytes } from './sheetLayout';

// What a sync carries is measured before it is sent (Excel on the web refuses over 5 MB): a row's
// count must never be below the bytes its JSON really takes, whatever the cells hold.
const hostile = [
  '',
  'plain ascii',
  '利用者 山田太郎',
  '😀𠮷 pairs',
  '"quoted" and \\ back\\slashed',
  'line\nbreaks\r\nand\ttabs',
  '\u0001\u0002\u001f controls',
  '\b\f',
  'lone \ud800 high',
  'lone \udc00 low',
  '\u2028\u2029 separators',
  '\u007f del',
];

test.each(hostile.map((s) => [JSON.stringify(s), s]))('%s is counted at least as its JSON', (_n, s) => {
  const row = [s, s.repeat(100), 'x'];
  const actual = Buffer.byteLength(JSON.stringify(row), 'utf8');
  expect(rowBytes(row)).toBeGreaterThanOrEqual(actual);
  // And not grossly more: the budget is meant to be used.
  expect(rowBytes(row)).toBeLessThanOrEqual(actual + 1);
});
