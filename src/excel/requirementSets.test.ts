// The requirement-set audit (issue 14): every Excel member src/excel uses, from the types, against
// the manifest's declared minimum.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { excelMemberUses, manifestMinimum, ungated } from '../../test/excel/apiAudit';

const dir = join(__dirname);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => join(dir, f));
const minimum = manifestMinimum(join(__dirname, '../../manifest.xml'));
const uses = excelMemberUses(sources);

test('the manifest declares ExcelApi 1.9, what the ungated code needs (RangeAreas, getSelectedRanges)', () => {
  expect(minimum).toBe('1.9');
  const highestUngated = uses
    .filter((u) => !u.gate)
    .reduce((m, u) => (Number(u.set.split('.')[1]) > Number(m.split('.')[1]) ? u.set : m), '1.1');
  expect(highestUngated).toBe(minimum);
});

test('every member above the minimum is used only inside an isSetSupported branch', () => {
  // The list, for the record (and the review): member, set, gate.
  const table = [
    ...new Map(
      uses.map((u) => [u.member, `${u.member} ${u.set}${u.gate ? ` (gated ${u.gate})` : ''}`]),
    ).values(),
  ].sort();
  expect(table).toEqual(
    expect.arrayContaining(['NoteCollection.add 1.18 (gated 1.18)', 'Worksheet.getRangeByIndexes 1.7']),
  );
  expect(ungated(uses, minimum)).toEqual([]);
});

test('the audit fails on a member above the minimum outside a gate (and not inside one)', () => {
  const file = join(dir, '__audit_probe__.ts');
  const probe = `
    export function probe(ws: Excel.Worksheet, host: { isSetSupported(n: string, v: string): boolean }) {
      ws.notes.add('A1', 'x');
      if (host.isSetSupported('ExcelApi', '1.18')) ws.notes.add('A2', 'y');
      if (host.isSetSupported('ExcelApi', '1.10')) ws.notes.add('A3', 'z');
    }`;
  const found = ungated(
    excelMemberUses([], { [file]: probe }).filter((u) => u.member === 'NoteCollection.add'),
    minimum,
  );
  expect(found.map((u) => u.at.split(':').pop())).toEqual(['3', '5']);
});
