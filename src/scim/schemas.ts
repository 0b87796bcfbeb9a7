import { ROSTER_USER_EXTENSION, type Profile } from '../domain';
import { SCHEMA_GROUP, SCHEMA_USER } from './constants';
import { extensionName } from './userResource';

/** An attribute definition as /Schemas publishes it (RFC 7643 7). */
export type Attribute = Record<string, unknown>;

const attr = (name: string, over: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...over,
});

/** The core User attributes this service supports (RFC 7643 4.1, 8.7.1). */
function userSchema(): Attribute {
  return {
    id: SCHEMA_USER,
    name: 'User',
    description: 'User account',
    attributes: [
      attr('userName', { required: true, uniqueness: 'server' }),
      attr('displayName'),
      attr('name', {
        type: 'complex',
        subAttributes: [
          'formatted',
          'familyName',
          'givenName',
          'middleName',
          'honorificPrefix',
          'honorificSuffix',
        ].map((n) => attr(n)),
      }),
      attr('emails', {
        type: 'complex',
        multiValued: true,
        subAttributes: [attr('value'), attr('type'), attr('primary', { type: 'boolean' })],
      }),
      attr('password', { mutability: 'writeOnly', returned: 'never' }),
      attr('active', { type: 'boolean' }),
      attr('externalId', { caseExact: true }),
      attr('groups', {
        type: 'complex',
        multiValued: true,
        mutability: 'readOnly',
        subAttributes: [
          attr('value', { mutability: 'readOnly' }),
          attr('$ref', { type: 'reference', mutability: 'readOnly' }),
        ],
      }),
    ],
  };
}

/** The profile's extension: its columns kept outside the core schema, plus read-only flags. */
function extensionSchema(profile: Profile): Attribute {
  const attributes: Attribute[] = [];
  for (const col of profile.columns) {
    const name = extensionName(col);
    if (!name) continue;
    const over: Partial<Attribute> = { description: `${col.header.en} / ${col.header.ja}`, caseExact: true };
    if (col.serverManaged) over.mutability = 'readOnly';
    if (col.key === 'groups') over.multiValued = true;
    const options = col.options?.filter((o) => !o.serverOnly).map((o) => o.value);
    if (options && options.length > 0) over.canonicalValues = options;
    attributes.push(attr(name, over));
  }
  attributes.push(
    attr('directorySynced', { type: 'boolean', mutability: 'readOnly' }),
    attr('selfRegistered', { type: 'boolean', mutability: 'readOnly' }),
    attr('passwordIssuer', { mutability: 'readOnly', canonicalValues: ['user', 'admin', 'none'] }),
  );
  return {
    id: ROSTER_USER_EXTENSION,
    name: 'RosterUser',
    description: `Roster Sheet (${profile.id})`,
    attributes,
  };
}

function groupSchema(): Attribute {
  return {
    id: SCHEMA_GROUP,
    name: 'Group',
    description: 'Group',
    attributes: [
      attr('displayName', { required: true, uniqueness: 'server' }),
      attr('externalId', { caseExact: true }),
      attr('members', {
        type: 'complex',
        multiValued: true,
        subAttributes: [
          attr('value', { mutability: 'immutable' }),
          attr('display', { mutability: 'readOnly' }),
        ],
      }),
    ],
  };
}

/** The schemas of a tenant (RFC 7643 7): what /Schemas publishes and what requests are checked against. */
export function schemasFor(profile: Profile): Attribute[] {
  return [userSchema(), extensionSchema(profile), groupSchema()];
}
