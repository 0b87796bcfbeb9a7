import { ScimError } from '../../scim/ScimError';
import { faultOf, toScimError } from './errors';

describe('server faults', () => {
  test('a log line of a fault keeps its kind, code and frames, never its message (which can quote data)', () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "secret-value@example.jp"'), {
      code: '22P02',
    });
    const fault = faultOf(err);
    expect(fault).toMatchObject({ type: 'Error', code: '22P02' });
    expect(fault.frames).toMatch(/^\s+at /);
    expect(JSON.stringify(fault)).not.toContain('secret-value');
  });

  test('a fault answers 500 with the request id and nothing about the cause', () => {
    const e = toScimError(new TypeError('x is undefined in user hanako'), 'req-42');
    expect(e.status).toBe(500);
    expect(e.detail).toBe('Internal server error (request req-42).');
  });

  test.each([
    ['22021', 400],
    ['22008', 400],
    ['54000', 400],
    ['23505', 409],
    ['23514', 500],
    ['57014', 500],
  ])('a database error %s from client data is %i, other database errors stay faults', (code, status) => {
    expect(toScimError(Object.assign(new Error('db'), { code })).status).toBe(status);
  });

  test('a ScimError passes through unchanged', () => {
    const e = new ScimError(404, 'No user.');
    expect(toScimError(e)).toBe(e);
  });
});
