import { diffRoster, profiles, ROSTER_USER_EXTENSION as EXT, type RosterRow } from '../domain';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { BULK_REQUEST, bulkCreate } from '../../test/server/builders';
import { scimUserFlags, scimUserValues, ScimUser } from './userValues';
import { createBody, operationsFor, patchBody } from './operations';

const eq = profiles.eq;

describe('SCIM bodies for a changeset', () => {
  test('a new row: client key in externalId, no password when inviting, groups as a list, blank user ID left to the server', () => {
    const body = createBody(
      eq,
      {
        rowNumber: 5,
        values: {
          displayName: '新人',
          userName: '',
          email: 'new@example.jp',
          password: 'Secret-1',
          groups: '101 102',
          remarks: '',
          role: '0',
          canComment: '1',
          status: '',
        },
      },
      'rs-key-1',
      'invite',
    );
    expect(body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', EXT],
      externalId: 'rs-key-1',
      displayName: '新人',
      emails: [{ value: 'new@example.jp', type: 'work', primary: true }],
      [EXT]: { groupIds: ['101', '102'], remarks: '', role: '0', canComment: '1' },
    });
    expect(createBody(eq, { rowNumber: 5, values: { password: 'Secret-1' } }, 'k', 'password').password).toBe(
      'Secret-1',
    );
  });

  test('an update replaces only what changed; a cleared email removes the address', () => {
    expect(
      patchBody(eq, [
        { column: 'email', before: 'a@x.jp', after: '' },
        { column: 'groups', before: '101', after: '' },
        { column: 'role', before: '0', after: '1' },
      ]),
    ).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', path: 'emails', value: [] },
        { op: 'replace', path: `${EXT}:groupIds`, value: [] },
        { op: 'replace', path: `${EXT}:role`, value: '1' },
      ],
    });
  });
});

describe('the server accepts them and ends as the sheet says', () => {
  let h: Harness;
  let t: TestTenant;
  beforeAll(async () => {
    h = await startHarness();
    t = await h.tenant({ slug: 'ops' });
    await scim(h, t, 'POST', '/Bulk', bulkCreate('ops', 5));
  });
  afterAll(() => h.close());

  test('3 updates, 2 additions, 1 deletion; a row with a problem is not sent', async () => {
    const list = (await scim(h, t, 'GET', '/Users?count=100'))
      .json()
      .Resources.map((r: unknown) => ScimUser.parse(r));
    const mine = list.filter((u: ScimUser) => u.userName.startsWith('ops'));
    const baseline = mine.map((u: ScimUser) => ({
      id: u.id,
      version: u.meta!.version!,
      values: scimUserValues(eq, u),
      flags: scimUserFlags(u),
    }));
    const rows: RosterRow[] = baseline.map(
      (b: { id: string; values: Record<string, string> }, i: number) => ({
        rowNumber: i + 2,
        id: b.id,
        values: { ...b.values },
      }),
    );
    rows[0]!.values = { ...rows[0]!.values, displayName: '改名済み' };
    rows[1]!.values = { ...rows[1]!.values, groups: t.groups.join(' '), remarks: '部署異動' };
    rows[2]!.values = { ...rows[2]!.values, email: '', role: '1' };
    rows[3]!.values = { ...rows[3]!.values, userName: 'renamed' }; // read-only: a problem, not sent
    rows.splice(4, 1); // deleted
    rows.push({
      rowNumber: 20,
      values: {
        displayName: '追加一',
        userName: 'added.one',
        email: 'added.one@example.jp',
        password: '',
        groups: '',
        remarks: '',
        role: '0',
        canComment: '1',
        status: '',
      },
    });
    rows.push({
      rowNumber: 21,
      values: {
        displayName: '追加二',
        userName: '',
        email: 'added.two@example.jp',
        password: '',
        groups: t.groups[1]!,
        remarks: '',
        role: '2',
        canComment: '',
        status: '',
      },
    });
    const cs = diffRoster(baseline, rows, { profile: eq });
    const ops = operationsFor(eq, cs, { mode: 'invite', clientKeyOf: (a) => `rs-${a.rowNumber}` });
    expect(ops.map((o) => o.kind)).toEqual(['create', 'create', 'update', 'update', 'update', 'delete']);
    const bulk = await scim(h, t, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: ops.map((o) =>
        o.kind === 'create'
          ? { method: 'POST', path: '/Users', bulkId: o.clientKey, data: o.body }
          : o.kind === 'update'
            ? { method: 'PATCH', path: `/Users/${o.id}`, version: o.version, data: o.body }
            : { method: 'DELETE', path: `/Users/${o.id}`, version: o.version },
      ),
    });
    expect(bulk.json().Operations.map((o: { status: string }) => o.status)).toEqual([
      '201',
      '201',
      '200',
      '200',
      '200',
      '204',
    ]);
    const after = (await scim(h, t, 'GET', '/Users?count=100'))
      .json()
      .Resources.map((r: unknown) => ScimUser.parse(r));
    const byName = new Map<string, Record<string, string>>(
      after.map((u: ScimUser) => [u.userName, scimUserValues(eq, u)]),
    );
    expect(byName.get(rows[0]!.values.userName!)!.displayName).toBe('改名済み');
    expect(byName.get(rows[1]!.values.userName!)).toMatchObject({
      groups: t.groups.join(' '),
      remarks: '部署異動',
    });
    expect(byName.get(rows[2]!.values.userName!)).toMatchObject({ email: '', role: '1' });
    expect(byName.has(baseline[4]!.values.userName)).toBe(false);
    expect(byName.get('added.one')).toMatchObject({ displayName: '追加一', status: 'provisional' });
    const two = after.find((u: ScimUser) => u.externalId === 'rs-21')!;
    expect(two.userName).toMatch(/^u\d{7}$/);
  });
});
