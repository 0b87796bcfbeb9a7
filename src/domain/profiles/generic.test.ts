import { diffRoster } from '../diffRoster';
import type { RosterRow } from '../types';
import { validateRows } from '../validateRows';
import { CORE_USER_SCHEMA, genericProfile, type ScimSchemaDef } from './generic';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// Shaped after RFC 7643 8.7.1 (the User schema) and 4.3 (the enterprise extension).
const user: ScimSchemaDef = {
  id: CORE_USER_SCHEMA,
  attributes: [
    { name: 'userName', type: 'string', required: true, caseExact: false, uniqueness: 'server' },
    { name: 'displayName', type: 'string', required: false },
    {
      name: 'name',
      type: 'complex',
      subAttributes: [
        { name: 'formatted', type: 'string' },
        { name: 'familyName', type: 'string' },
        { name: 'givenName', type: 'string' },
      ],
    },
    {
      name: 'emails',
      type: 'complex',
      multiValued: true,
      subAttributes: [
        { name: 'value', type: 'string' },
        { name: 'type', type: 'string', canonicalValues: ['work', 'home'] },
      ],
    },
    { name: 'active', type: 'boolean' },
    { name: 'userType', type: 'string', canonicalValues: ['Employee', 'Contractor'] },
    { name: 'password', type: 'string', mutability: 'writeOnly', returned: 'never' },
    { name: 'groups', type: 'complex', multiValued: true, mutability: 'readOnly' },
  ],
};
const enterprise: ScimSchemaDef = {
  id: ENTERPRISE,
  attributes: [
    { name: 'employeeNumber', type: 'string', uniqueness: 'server', caseExact: true },
    { name: 'department', type: 'string', canonicalValues: ['Sales', 'Research'] },
    { name: 'hireYear', type: 'integer' },
    { name: 'badge', type: 'string', mutability: 'immutable' },
    { name: 'costCenter', type: 'string', mutability: 'readOnly' },
    { name: 'manager', type: 'complex' },
    { name: 'tags', type: 'string', multiValued: true },
  ],
};
const profile = genericProfile([user, enterprise], {
  schema: CORE_USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE, required: false }],
});
const col = (key: string) => profile.columns.find((c) => c.key === key);

test('columns for the declared core attributes and the simple extension attributes, nothing else', () => {
  expect(profile.id).toBe('generic');
  expect(profile.columns.map((c) => c.key)).toEqual([
    'userName',
    'displayName',
    'name.familyName',
    'name.givenName',
    'email',
    'active',
    'employeeNumber',
    'department',
    'hireYear',
    'badge',
    'costCenter',
  ]);
  expect(col('email')?.scim).toBe('emails[primary eq true].value');
  expect(col('department')?.scim).toBe(`${ENTERPRISE}:department`);
  // Password and groups are not columns: there is no password mode for another service, and
  // groups are read-only in RFC 7643 4.1.2.
  expect(col('password')).toBeUndefined();
});

test('a service that declares less gets fewer columns: no name, no email, no active', () => {
  const bare = genericProfile([{ id: CORE_USER_SCHEMA, attributes: [user.attributes[0]!] }]);
  expect(bare.columns.map((c) => c.key)).toEqual(['userName']);
  // Without any User schema: the RFC 7643 minimum, userName.
  expect(genericProfile([]).columns.map((c) => c.key)).toEqual(['userName']);
});

test('rules from the schema: required, uniqueness with caseExact, canonical values, mutability, types', () => {
  expect(col('userName')?.rules).toEqual([
    { type: 'required', in: ['register-invite', 'register-password', 'update'] },
    { type: 'unique', caseInsensitive: true },
  ]);
  expect(col('employeeNumber')?.rules).toEqual([{ type: 'unique', caseInsensitive: false }]);
  expect(col('department')).toMatchObject({ kind: 'enum', rules: [{ type: 'oneOf' }] });
  expect(col('department')?.options?.map((o) => o.value)).toEqual(['Sales', 'Research']);
  expect(col('active')?.options?.map((o) => o.value)).toEqual(['true', 'false']);
  expect(col('email')).toMatchObject({ kind: 'email', rules: [{ type: 'email' }] });
  expect(col('costCenter')).toMatchObject({ editable: false, serverManaged: true });
  expect(col('badge')).toMatchObject({ editable: true, immutable: true });
  // No number rule in validateRows: an integer is shown, locked.
  expect(col('hireYear')).toMatchObject({ editable: false, serverManaged: true });
});

test('validateRows and diffRoster judge generic rows unchanged: required, duplicates ignoring case, choices, locks', () => {
  const rows: RosterRow[] = [
    { rowNumber: 2, values: { userName: 'Bjensen', email: 'b@example.com', department: 'Sales' } },
    { rowNumber: 3, values: { userName: 'bjensen', email: 'not-mail', department: 'Marketing' } },
    { rowNumber: 4, values: { userName: '', displayName: 'No name' } },
  ];
  const problems = validateRows(profile, rows, { mode: 'register-invite', locale: 'en', passwordClasses: 1 });
  expect(problems.map((p) => `${p.rowNumber}:${p.column}:${p.code}`).sort()).toEqual([
    '2:userName:duplicate',
    '3:department:invalidValue',
    '3:email:invalidFormat',
    '3:userName:duplicate',
    '4:userName:required',
  ]);
  const base = { id: 'u1', version: '', values: { userName: 'ann', costCenter: 'C1', badge: 'B1' } };
  const changed = diffRoster(
    [base],
    [{ rowNumber: 2, id: 'u1', values: { ...base.values, costCenter: 'C2', badge: 'B2' } }],
    {
      profile,
      locale: 'en',
    },
  );
  expect(changed.problems.map((p) => `${p.column}:${p.code}`).sort()).toEqual([
    'badge:readOnly',
    'costCenter:readOnly',
  ]);
});
