import { LIMITS } from './limits';
import { multiValues, plainMultiValues, readEmails } from './identityAttributes';

// plainMultiValues reads the common shape of emails and phoneNumbers without zod; wherever it
// gives an answer, that answer must be exactly the one of the zod schema `multiValues`.

const long = 'x'.repeat(LIMITS.shortText + 1);
const memberValues: unknown[] = ['', 'a@example.jp', '山田', long, null, true, false, 'true', 1, {}, []];
const keys = ['value', 'Value', 'type', 'display', 'primary', 'PRIMARY', 'other'];

/** Entries of one or two members over every key and value above, and a few whole ones. */
function entries(): unknown[] {
  const out: unknown[] = [null, 'x', 1, [], {}];
  for (const k of keys) for (const v of memberValues) out.push({ [k]: v });
  for (const v of memberValues) {
    out.push({ value: 'a@example.jp', primary: v });
    out.push({ value: v, type: 'work' });
    out.push({ value: 'a@example.jp', Value: v });
  }
  out.push({ value: 'a@example.jp', type: 'work', primary: true, display: 'A' });
  return out;
}

function shapes(): unknown[] {
  const es = entries();
  const out: unknown[] = [
    undefined,
    null,
    'x',
    1,
    {},
    [],
    Array.from({ length: 101 }, () => ({ value: 'a' })),
  ];
  for (const e of es) out.push([e]);
  for (let i = 0; i < es.length; i += 7)
    out.push([es[i], { value: 'b@example.jp', primary: true }, es[(i * 3) % es.length]]);
  out.push(
    Array.from({ length: 100 }, (_, i) => ({ value: `u${i}@example.jp`, type: 'work', primary: i === 0 })),
  );
  return out;
}

test('plainMultiValues gives exactly what the zod schema gives, or leaves the value to it', () => {
  let plain = 0;
  const all = shapes();
  for (const value of all) {
    const fast = plainMultiValues(value);
    if (fast === undefined) continue;
    plain++;
    const zod = multiValues.safeParse(value);
    expect({ value, success: zod.success }).toEqual({ value, success: true });
    if (zod.success) expect({ value, read: fast }).toStrictEqual({ value, read: zod.data });
  }
  // The shapes clients send are read without zod (38 of the 141 here when written).
  expect(plain).toBeGreaterThan(30);
  expect(plainMultiValues([{ value: 'a@example.jp', type: 'work', primary: true }])).toEqual([
    { value: 'a@example.jp', type: 'work', primary: true },
  ]);
});

test('readEmails still answers odd shapes through zod, with the field named', () => {
  expect(readEmails([{ value: 'a@example.jp', primary: 'true' }]).primary).toBe('a@example.jp');
  expect(readEmails(null)).toEqual({ primary: '', others: [] });
  expect(() => readEmails([{ value: 'a@example.jp', colour: 'blue' }])).toThrow(/emails: .*colour/);
  expect(() => readEmails('a@example.jp')).toThrow(/^emails: /);
});
