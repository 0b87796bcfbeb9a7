import { Operation, parseOperation } from './bulkRoutes';

// The Bulk route reads well-formed operations without zod (issue 18); it must accept, refuse and
// produce exactly what the zod schema does, for every shape a client may send.
const cases: unknown[] = [
  { method: 'POST', path: '/Users', bulkId: 'a', data: { userName: 'x' } },
  { method: 'post', path: '/Users', data: null },
  { method: 'Patch', path: '/Users/1', version: 'W/"3"', data: { Operations: [] } },
  { method: 'DELETE', path: '/Groups/2' },
  { method: 'DELETE', path: '/Groups/2', extra: 'dropped', __note: 1 },
  { method: 'GET', path: '/Users' },
  { method: 'POST', path: '' },
  { method: 'POST' },
  { method: 'POST', path: '/Users', bulkId: '' },
  { method: 'POST', path: '/Users', bulkId: null },
  { method: 'POST', path: '/Users', bulkId: 7 },
  { method: 'POST', path: '/Users', version: 3 },
  { method: 'POST', path: '/Users', version: null },
  { method: 7, path: '/Users' },
  { path: '/Users' },
  { method: 'POST', path: ['/Users'] },
  ['POST', '/Users'],
  null,
  'POST /Users',
  42,
];

test.each(cases.map((c) => [JSON.stringify(c), c]))('%s reads as zod reads it', (_name, raw) => {
  const fast = parseOperation(raw);
  const zod = Operation.safeParse(raw);
  expect(fast.success).toBe(zod.success);
  if (fast.success && zod.success) expect(fast.data).toEqual(zod.data);
});
