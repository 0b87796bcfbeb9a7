import { CORE_USER_SCHEMA, genericProfile } from '../domain';
import { genericCreateBody, genericPatchBody, genericUserValues } from './genericUser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const profile = genericProfile(
  [
    {
      id: CORE_USER_SCHEMA,
      attributes: [
        { name: 'userName', type: 'string', required: true },
        { name: 'displayName', type: 'string' },
        { name: 'name', type: 'complex', subAttributes: [{ name: 'givenName', type: 'string' }] },
        {
          name: 'emails',
          type: 'complex',
          multiValued: true,
          subAttributes: [{ name: 'value', type: 'string' }],
        },
        { name: 'active', type: 'boolean' },
      ],
    },
    {
      id: ENTERPRISE,
      attributes: [
        { name: 'department', type: 'string' },
        { name: 'costCenter', type: 'string', mutability: 'readOnly' },
      ],
    },
  ],
  { schema: CORE_USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE }] },
);

test('a user as cell text: nested name, the primary email (else the first), booleans, extension attributes', () => {
  const values = genericUserValues(profile, {
    id: 'u1',
    userName: 'bjensen',
    name: { givenName: 'Barbara' },
    emails: [{ value: 'home@example.com' }, { value: 'work@example.com', primary: true }],
    active: false,
    [ENTERPRISE]: { department: 'Sales', costCenter: 'C1' },
  });
  expect(values).toEqual({
    userName: 'bjensen',
    displayName: '',
    'name.givenName': 'Barbara',
    email: 'work@example.com',
    active: 'false',
    department: 'Sales',
    costCenter: 'C1',
  });
  expect(
    genericUserValues(profile, { id: 'u2', userName: 'x', emails: [{ value: 'only@example.com' }] }).email,
  ).toBe('only@example.com');
});

test('a new user: only filled, writable cells; the client key as externalId; the extension schema listed', () => {
  const body = genericCreateBody(
    profile,
    {
      userName: 'ann',
      displayName: '',
      'name.givenName': 'Ann',
      email: 'ann@example.com',
      active: 'true',
      department: 'Research',
      costCenter: 'X',
    },
    'rs-key-1',
  );
  expect(body).toEqual({
    schemas: [CORE_USER_SCHEMA, ENTERPRISE],
    externalId: 'rs-key-1',
    userName: 'ann',
    name: { givenName: 'Ann' },
    emails: [{ value: 'ann@example.com', type: 'work', primary: true }],
    active: true,
    [ENTERPRISE]: { department: 'Research' },
  });
});

test('a change: replace with the typed value, remove for a cleared cell, booleans as booleans', () => {
  expect(
    genericPatchBody(profile, [
      { column: 'displayName', before: 'A', after: 'B' },
      { column: 'department', before: 'Sales', after: '' },
      { column: 'active', before: 'true', after: 'false' },
      { column: 'email', before: 'a@example.com', after: 'b@example.com' },
    ]),
  ).toEqual({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'replace', path: 'displayName', value: 'B' },
      { op: 'remove', path: `${ENTERPRISE}:department` },
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'emails', value: [{ value: 'b@example.com', type: 'work', primary: true }] },
    ],
  });
});
