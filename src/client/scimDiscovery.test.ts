import { CORE_USER_SCHEMA } from '../domain';
import { featuresOf, schemasOf, userTypeOf } from './scimDiscovery';

test('/Schemas as a ListResponse or a bare array; entries that are not schemas are left out', () => {
  const schema = { id: CORE_USER_SCHEMA, attributes: [{ name: 'userName', type: 'string', required: true }] };
  const expected = [
    { id: CORE_USER_SCHEMA, attributes: [{ name: 'userName', type: 'string', required: true }] },
  ];
  expect(schemasOf({ Resources: [schema, { id: 'x' }, 'junk'] })).toEqual(expected);
  expect(schemasOf([schema])).toEqual(expected);
  expect(schemasOf(undefined)).toEqual([]);
});

test('the User resource type by endpoint, name or schema; none gives the core schema alone', () => {
  const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  expect(
    userTypeOf({
      Resources: [
        { name: 'Group', endpoint: '/Groups', schema: 'g' },
        {
          name: 'User',
          endpoint: '/Users',
          schema: CORE_USER_SCHEMA,
          schemaExtensions: [{ schema: ext, required: false }],
        },
      ],
    }),
  ).toEqual({ schema: CORE_USER_SCHEMA, schemaExtensions: [{ schema: ext, required: false }] });
  expect(userTypeOf(undefined)).toEqual({ schema: CORE_USER_SCHEMA });
});

test('features from ServiceProviderConfig: what is not said supported is not', () => {
  const f = featuresOf(
    { patch: { supported: true }, bulk: {}, pagination: { cursor: true } },
    { schema: CORE_USER_SCHEMA },
  );
  expect(f).toMatchObject({
    kind: 'scim',
    patch: true,
    bulk: false,
    etag: false,
    filter: false,
    paging: 'cursor',
  });
  expect(featuresOf({}, { schema: CORE_USER_SCHEMA }).paging).toBe('index');
  expect(featuresOf({ pagination: { index: false } }, { schema: CORE_USER_SCHEMA }).paging).toBe('none');
});
