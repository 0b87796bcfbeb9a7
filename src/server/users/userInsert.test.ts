import { randomUUID } from 'node:crypto';
import { testDb } from '../../../test/server/harness';
import type { Db } from '../db/connect';
import { createTenant, insertGroups } from '../seed/bootstrap';
import type { TenantInfo } from '../context';
import { insertUsers, materializeFirstVersions } from './userInsert';
import { loadUsers, snapshotOf, type StoredUser } from './userStore';

// insertUsers writes users, memberships and audit entries in one statement; a user's first
// history version is written from its row when first needed (materializeFirstVersions), built by
// the database, and must be exactly what snapshotOf gives, or a roster read as of a past time
// would differ from the roster then.

let db: Db;
let drop: () => Promise<void>;
let tenant: TenantInfo;
let groups: string[];
const at = new Date('2026-04-01T09:00:00.123Z');

beforeAll(async () => {
  ({ db, drop } = await testDb());
  tenant = await createTenant(
    db,
    { slug: 'insert', name: 'insert', profile: 'eq', userLimit: 100, passwordClasses: 2 },
    at,
  );
  groups = await insertGroups(db, tenant, ['営業部', '開発部'], at);
});
afterAll(() => drop());

function user(userName: string, over: Partial<StoredUser> = {}): StoredUser {
  return {
    id: randomUUID(),
    userName,
    displayName: `利用者 ${userName}`,
    email: `${userName}@example.jp`,
    externalId: null,
    name: null,
    identity: {},
    attrs: { role: '0', canComment: '1', remarks: '', status: 'provisional' },
    groups: [],
    passwordIssuer: 'none',
    directorySynced: false,
    selfRegistered: false,
    version: 1,
    created: at,
    lastModified: at,
    passwordHash: null,
    hidden: false,
    ...over,
  };
}

/** The audit entries of these users, in the order they were written. */
const auditOf = (users: readonly StoredUser[]) =>
  db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor', 'action', 'resource_type', 'resource_id', 'detail'])
    .where('tenant_id', '=', tenant.id)
    .where(
      'resource_id',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('id')
    .execute();

const shapes = (): StoredUser[] => [
  user('plain'),
  user('full', {
    externalId: 'rs-0001',
    name: { familyName: '山田', givenName: '太郎' },
    identity: {
      title: '課長',
      phoneNumbers: [{ value: '+81-3-0000-0000', type: 'work', primary: true }],
      otherEmails: [{ value: 'home@example.jp', type: 'home' }],
      addresses: [{ locality: '千代田区', country: 'JP', primary: true }],
      enterprise: { department: '開発', manager: { value: 'm1', displayName: '上司' } },
    },
    attrs: { role: '2', canComment: '0', remarks: '改行\nと "引用" と \\ と 😀', status: '1' },
    groups: [...groups],
    passwordIssuer: 'admin',
    passwordHash: 'x$secret',
  }),
  user('nomail', { email: '', attrs: { role: '1', canComment: '1', remarks: '', status: 'waiting' } }),
  user('hidden', { hidden: true }),
];

const historyOf = async (ids: readonly string[]) =>
  new Map(
    (
      await db
        .selectFrom('user_history')
        .select(['user_id', 'version', 'valid_from', 'valid_to', 'data'])
        .where('tenant_id', '=', tenant.id)
        .where('user_id', 'in', ids)
        .execute()
    ).map((r) => [r.user_id, r]),
  );

test('the first history version of each user is exactly its snapshot; the hidden account has none', async () => {
  const users = shapes();
  await db.transaction().execute((tx) => insertUsers(tx, tenant.id, users));
  const ids = users.map((u) => u.id);
  expect((await historyOf(ids)).size).toBe(0);
  await materializeFirstVersions(db, tenant.id, ids);
  // Again, and for the whole tenant: nothing more is written, nothing is changed.
  const once = await historyOf(ids);
  await materializeFirstVersions(db, tenant.id, ids);
  await materializeFirstVersions(db, tenant.id);
  expect(await historyOf(ids)).toEqual(once);
  const history = await historyOf(users.map((u) => u.id));
  for (const u of users.filter((x) => !x.hidden)) {
    const h = history.get(u.id)!;
    expect(h.data).toEqual(JSON.parse(JSON.stringify(snapshotOf(u))));
    expect([h.version, new Date(h.valid_from).toISOString(), h.valid_to]).toEqual([
      1,
      at.toISOString(),
      null,
    ]);
  }
  expect(history.has(users[3]!.id)).toBe(false);
  // What is stored reads back as what was given, groups and secrets included.
  const loaded = await loadUsers(
    db,
    tenant.id,
    users.map((u) => u.id),
  );
  for (const u of users) expect(loaded.get(u.id)).toEqual(u);
});

test('audit entries are written with the users, in the order given, only when asked for', async () => {
  const users = Array.from({ length: 30 }, (_, i) => user(`order${String(i).padStart(2, '0')}`));
  await db.transaction().execute((tx) => insertUsers(tx, tenant.id, users.slice(0, 5)));
  await db.transaction().execute((tx) =>
    insertUsers(tx, tenant.id, users.slice(5), {
      actor: 'admin01',
      at,
      detail: (u) => ({ userName: u.userName, password: u.passwordHash !== null, status: u.attrs.status }),
    }),
  );
  const rows = await auditOf(users);
  expect(rows.map((r) => r.resource_id)).toEqual(users.slice(5).map((u) => u.id));
  expect(rows[0]).toMatchObject({
    actor: 'admin01',
    action: 'create',
    resource_type: 'User',
    detail: { userName: 'order05', password: false, status: 'provisional' },
  });
  expect(new Date(rows[0]!.at).toISOString()).toBe(at.toISOString());
});

test('a unique value taken twice in one call fails the whole statement: nothing of it is written', async () => {
  const users = [user('twice01'), user('TWICE01', { email: 'other@example.jp', groups: [groups[0]!] })];
  await expect(
    db
      .transaction()
      .execute((tx) => insertUsers(tx, tenant.id, users, { actor: 'a', at, detail: () => ({}) })),
  ).rejects.toMatchObject({ code: '23505' });
  expect((await loadUsers(db, tenant.id, [users[0]!.id])).size).toBe(0);
  expect((await historyOf(users.map((u) => u.id))).size).toBe(0);
  const members = await db
    .selectFrom('group_members')
    .select('user_id')
    .where(
      'user_id',
      'in',
      users.map((u) => u.id),
    )
    .execute();
  expect(members).toEqual([]);
});

test('optimistic: a taken value leaves its user out and writes no membership or audit entry at all', async () => {
  const first = user('first01', { groups: [groups[0]!] });
  await db.transaction().execute((tx) => insertUsers(tx, tenant.id, [first]));
  const optimistically = (us: StoredUser[]) =>
    db
      .transaction()
      .execute((tx) =>
        insertUsers(tx, tenant.id, us, { actor: 'a', at, detail: () => ({}) }, { optimistic: true }),
      );
  /** How many memberships and audit entries the users have. */
  const entries = async (us: StoredUser[]) => {
    const ids = us.map((u) => u.id);
    const members = await db
      .selectFrom('group_members')
      .select('user_id')
      .where('user_id', 'in', ids)
      .execute();
    const audited = await db.selectFrom('audit_log').select('id').where('resource_id', 'in', ids).execute();
    return [members.length, audited.length];
  };
  const users = [
    user('fresh01', { groups: [groups[1]!] }),
    user('FIRST01', { email: 'another@example.jp', groups: [groups[0]!] }),
    user('fresh02'),
  ];
  // Short: the caller undoes the transaction; whatever it left has no entries.
  expect(await optimistically(users)).toBe(2);
  const ids = users.map((u) => u.id);
  expect([...(await loadUsers(db, tenant.id, ids)).keys()].sort()).toEqual(
    [users[0]!.id, users[2]!.id].sort(),
  );
  expect(await entries(users)).toEqual([0, 0]);
  // Whole: every user with its memberships and audit entry.
  const whole = [user('whole01', { groups: [groups[0]!, groups[1]!] }), user('whole02')];
  expect(await optimistically(whole)).toBe(2);
  expect(await entries(whole)).toEqual([2, 2]);
});

// Each column travels as one array parameter (rowsOf, insertRows.ts): an element that looks like
// array syntax, SQL NULL or JSON must still arrive as the text it is, on both databases.
test('text that looks like array syntax, NULL or JSON is stored as given, not read as syntax', async () => {
  const tricky = [
    'NULL',
    'null',
    '{}',
    '{a,b}',
    '"',
    '\\',
    '\\"',
    ',',
    ' edge ',
    '\t',
    'a\nb',
    'a\\nb',
    '\\u0041',
    '\u0001\u001f',
    '{"k": "v\\"w"}',
    '😀',
    '\u3000全角',
  ];
  const users = tricky.map((t, i) =>
    user(`tricky${i}`, {
      displayName: t,
      email: i === 0 ? '' : `tricky${i}@example.jp`,
      externalId: t,
      name: { formatted: t, familyName: '' },
      attrs: { role: '0', canComment: '1', remarks: t, status: 'provisional' },
      passwordHash: t,
    }),
  );
  await db.transaction().execute((tx) =>
    insertUsers(tx, tenant.id, users, {
      actor: tricky.join(''),
      at,
      detail: (u) => ({ t: u.displayName }),
    }),
  );
  const loaded = await loadUsers(
    db,
    tenant.id,
    users.map((u) => u.id),
  );
  for (const u of users) expect(loaded.get(u.id)).toEqual(u);
  const audited = await auditOf(users);
  expect(audited.map((r) => (r.detail as { t: string }).t)).toEqual(tricky);
  expect(new Set(audited.map((r) => r.actor))).toEqual(new Set([tricky.join('')]));
});
