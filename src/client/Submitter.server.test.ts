import { profiles } from '../domain';
import { createBody } from '../scim/operations';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { RosterClient } from './RosterClient';
import { Submitter } from './Submitter';

let h: Harness;
let t: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'retry' });
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

const newUser = (n: number) => {
  const values = {
    displayName: `再送${n}`,
    userName: `retry${n}`,
    email: `retry${n}@example.jp`,
    password: '',
    groups: '',
    remarks: '',
    role: '0',
    canComment: '1',
    status: '',
  };
  return {
    kind: 'create' as const,
    rowNumber: n,
    clientKey: `rs-retry-${n}`,
    body: createBody(profiles.eq, { rowNumber: n, values }, `rs-retry-${n}`, 'invite'),
  };
};

describe('against the real server', () => {
  test('a lost Bulk answer followed by a retry creates nobody twice', async () => {
    let dropped = 0;
    // The first Bulk reaches the server and is applied; its answer is lost on the way back.
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (String(input).endsWith('/Bulk') && dropped++ === 0) throw new TypeError('connection reset');
      return res;
    };
    const client = new RosterClient({
      connection: { serverUrl: base, tenant: 'retry' },
      token: t.token,
      locale: 'en',
      fetchFn: lossy,
    });
    const ops = [newUser(1), newUser(2), newUser(3)];
    const out = await new Submitter(client, profiles.eq).submit(ops);
    expect(out.map((o) => o.status)).toEqual(['done', 'done', 'done']);
    const list = (
      await scim(h, t, 'GET', `/Users?filter=${encodeURIComponent('userName sw "retry"')}`)
    ).json();
    expect(list.totalResults).toBe(3);
    // Sent again on purpose (a pane reopened after the loss): still three users.
    const again = await new Submitter(
      new RosterClient({ connection: { serverUrl: base, tenant: 'retry' }, token: t.token, locale: 'en' }),
      profiles.eq,
    ).submit(ops);
    expect(again.map((o) => o.status)).toEqual(['failed', 'failed', 'failed']);
    expect(again[0]).toMatchObject({ httpStatus: 409 });
    expect(
      (await scim(h, t, 'GET', `/Users?filter=${encodeURIComponent('userName sw "retry"')}`)).json()
        .totalResults,
    ).toBe(3);
  });
});
