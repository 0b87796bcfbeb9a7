import { baselineGrid } from './baselineSheet';

// A user's JSON longer than a cell is split across cells; a cut between the two halves of a
// surrogate pair (an emoji, a rare kanji) would leave each cell with a lone surrogate, which
// UTF-8 (the file's XML, Excel on the web's JSON) cannot carry.
test.each([0, 1, 2, 3])('split JSON never cuts a surrogate pair (offset %i)', (offset) => {
  const remarks = `${'x'.repeat(offset)}${'😀𠮷'.repeat(40_000)}`;
  const grid = baselineGrid({
    meta: { tenant: 't', profileId: 'eq', locale: 'ja', sheetName: '名簿', pulledAt: '2026-12-06T00:00:00Z' },
    users: [{ id: 'u1', version: 'W/"1"', values: { remarks }, flags: {} as never }],
  });
  const parts = grid[1]!.slice(2);
  expect(parts.length).toBeGreaterThan(4);
  for (const p of parts) {
    expect(p.isWellFormed()).toBe(true);
    expect(p.length).toBeLessThanOrEqual(32_000);
  }
  expect(JSON.parse(parts.join('')).values.remarks).toBe(remarks);
});
