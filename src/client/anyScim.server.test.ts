import { diffRoster, type RosterRow } from '../domain';
import { pulledUser } from '../excel/pulledUser';
import { operationsFor } from '../scim/operations';
import { seedUsers, startThirdPartyScim, type ThirdPartyScim } from '../../test/server/thirdPartyScim';
import { RosterClient } from './RosterClient';
import { Submitter } from './Submitter';

/**
 * The client against a SCIM 2.0 server this project did not write (SCIMMY from npm, in-memory
 * store): discovery, the generic profile, pulling, writing per row without Bulk, and no lost
 * update without ETag. Where SCIMMY deviates from RFC 7644, the test says so.
 */
let tp: ThirdPartyScim;
beforeAll(async () => {
  tp = await startThirdPartyScim({ users: seedUsers(500) });
});
afterAll(() => tp.close());

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const connect = () => new RosterClient({ connection: { scimUrl: tp.url }, token: tp.token, locale: 'en' });

test('a wrong token is refused by the service (401), before anything is read', async () => {
  const c = new RosterClient({ connection: { scimUrl: tp.url }, token: 'wrong', locale: 'en' });
  await expect(c.tenantProfile()).rejects.toMatchObject({ status: 401 });
});

test('discovery: the profile from its /Schemas and /ResourceTypes, and what it offers', async () => {
  const c = connect();
  const { profile, tenant } = await c.tenantProfile();
  expect(tenant.name).toBe(new URL(tp.url).host);
  expect(profile.columns.map((col) => col.key)).toEqual(
    expect.arrayContaining([
      'userName',
      'displayName',
      'name.familyName',
      'name.givenName',
      'email',
      'active',
    ]),
  );
  expect(profile.columns.map((col) => col.key)).toEqual(
    expect.arrayContaining(['employeeNumber', 'department']),
  );
  expect(c.features).toMatchObject({ kind: 'scim', bulk: false, etag: false, patch: true, filter: true });
  expect(c.features.extensions).toEqual([ENTERPRISE]);
  // Roster-server functions are not offered, so the pane never shows them.
  expect(c.features).toMatchObject({ asOf: false, mail: false, invitations: false, dryRun: false });
  // RFC 7644 deviation: SCIMMY's filter compares strings case-exactly (`eq`, `co`), though
  // userName is caseExact false (RFC 7643 4.1.1). The client probes it and compensates.
  expect(c.features.caseExactFilter).toBe(true);
  await expect(c.versions()).rejects.toMatchObject({ kind: 'unsupported' });
  expect(tp.requests.some((r) => r.includes('/api/'))).toBe(false);
});

test('pulls 500 users, finds one ignoring case, and writes without losing a concurrent change', async () => {
  const c = connect();
  const { profile } = await c.tenantProfile();
  const users = await c.listUsers();
  expect(users).toHaveLength(500);
  expect((await c.search('displayName', 'user 0042')).map((u) => u.displayName)).toEqual(['User 0042']);

  const baseline = users.map((u) => pulledUser(profile, u));
  const rows: RosterRow[] = baseline.map((b, i) => ({ rowNumber: i + 2, id: b.id, values: { ...b.values } }));
  const byName = (n: string) => rows.find((r) => r.values.userName === n)!;
  // Edits: a display name, a department, a deactivation; user0003 is deleted; one row added.
  const edited = byName('user0001@example.com');
  edited.values = { ...edited.values, displayName: 'Renamed One', department: 'Finance' };
  const off = byName('user0002@example.com');
  off.values = { ...off.values, active: 'false' };
  const conflicted = byName('user0004@example.com');
  conflicted.values = { ...conflicted.values, displayName: 'Sheet Four' };
  rows.splice(rows.indexOf(byName('user0003@example.com')), 1);
  rows.push({
    rowNumber: 999,
    values: {
      userName: 'new.person@example.com',
      displayName: 'New Person',
      email: 'new.person@example.com',
      active: 'true',
    },
  });
  // Another administrator renames user0004 on the service after the pull.
  const four = tp.users.get(conflicted.id!)!;
  tp.users.set(conflicted.id!, { ...four, displayName: 'Server Four' });

  const changeset = diffRoster(baseline, rows, { profile, locale: 'en' });
  expect(changeset.problems).toEqual([]);
  const ops = operationsFor(profile, changeset, { mode: 'invite', clientKeyOf: () => 'rs-new-1' });
  const out = await new Submitter(c, profile).submit(ops);
  const status = Object.fromEntries(
    out.map((o) => [
      o.op.kind === 'delete' ? `delete:${o.op.userName}` : `${o.op.kind}:${o.op.rowNumber}`,
      o.status,
    ]),
  );
  expect(status).toEqual({
    'create:999': 'done',
    [`update:${edited.rowNumber}`]: 'done',
    [`update:${off.rowNumber}`]: 'done',
    [`update:${conflicted.rowNumber}`]: 'conflict',
    'delete:user0003@example.com': 'done',
  });
  const after = (id: string) => tp.users.get(id)!;
  expect(after(edited.id!)).toMatchObject({
    displayName: 'Renamed One',
    [ENTERPRISE]: { department: 'Finance' },
  });
  expect(after(off.id!).active).toBe(false);
  // Never overwritten: the other administrator's change stands.
  expect(after(conflicted.id!).displayName).toBe('Server Four');
  const created = [...tp.users.values()].find((u) => u.userName === 'new.person@example.com');
  expect(created).toMatchObject({ externalId: 'rs-new-1', displayName: 'New Person' });
  expect(tp.users.size).toBe(500);
  // No Bulk offered: one request per row; no If-Match without a version.
  expect(tp.requests.some((r) => r.includes('/Bulk'))).toBe(false);
});

test('a PATCH that changes nothing is answered 204 No Content (RFC 7644 3.5.2 allows it), and the row is done', async () => {
  const c = connect();
  const { profile } = await c.tenantProfile();
  const [u] = [...tp.users.values()].filter((x) => x.userName === 'user0010@example.com');
  const before = tp.requests.length;
  const out = await new Submitter(c, profile).submit([
    {
      kind: 'update',
      rowNumber: 11,
      id: String(u!.id),
      version: '',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'displayName', value: 'User 0010' }],
      },
      changes: [{ column: 'displayName', before: 'User 0010', after: 'User 0010' }],
    },
  ]);
  expect(out[0]).toMatchObject({ status: 'done', id: u!.id });
  // Read first (no ETag), then PATCH (204), then read back for the version.
  expect(tp.requests.slice(before).map((r) => r.split(' ')[0])).toEqual(['GET', 'PATCH', 'GET']);
});
