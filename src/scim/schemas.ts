import { ROSTER_USER_EXTENSION, type Column, type Profile } from '../domain';
import { SCHEMA_GROUP, SCHEMA_USER } from './constants';
import { ADDRESS_PARTS, ENTERPRISE_SIMPLE, NAME_PARTS, SCHEMA_ENTERPRISE_USER } from './identityAttributes';
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

const multi = (name: string, subAttributes: Attribute[], over: Partial<Attribute> = {}): Attribute =>
  attr(name, { type: 'complex', multiValued: true, subAttributes, ...over });

const typed = (canonicalValues: string[]) => attr('type', { canonicalValues });
const primary = () => attr('primary', { type: 'boolean' });

/**
 * Whether the profile requires a column when a user is created: in every registration mode it
 * has (eq's blank user ID is assigned by the server, so it is not required).
 */
function requiredAtCreation(profile: Profile, col: Column | undefined): boolean {
  if (!col) return false;
  const modes = profile.modes.filter((m) => m.startsWith('register'));
  return (
    modes.length > 0 && modes.every((m) => col.rules.some((r) => r.type === 'required' && r.in.includes(m)))
  );
}

/** The mutability of a profile column (RFC 7643 7). */
function mutabilityOf(col: Column | undefined): string {
  if (!col) return 'readWrite';
  if (col.serverManaged) return 'readOnly';
  if (col.writeOnly) return 'writeOnly';
  return col.immutable ? 'immutable' : 'readWrite';
}

/**
 * The core User attributes as this tenant's server accepts and enforces them (RFC 7643 4.1,
 * 8.7.1): required and mutable exactly as the profile's rules say.
 */
function userSchema(profile: Profile): Attribute {
  const col = (key: string) => profile.columns.find((c) => c.key === key);
  const password = col('password');
  return {
    id: SCHEMA_USER,
    name: 'User',
    description: 'User account',
    attributes: [
      attr('userName', {
        required: requiredAtCreation(profile, col('userName')),
        uniqueness: 'server',
        mutability: mutabilityOf(col('userName')),
      }),
      attr('name', {
        type: 'complex',
        subAttributes: NAME_PARTS.map((n) => attr(n)),
      }),
      attr('displayName', { required: requiredAtCreation(profile, col('displayName')) }),
      attr('nickName'),
      attr('profileUrl', { type: 'reference', referenceTypes: ['external'] }),
      attr('title'),
      attr('userType'),
      attr('preferredLanguage'),
      attr('locale'),
      attr('timezone'),
      // Deprovisioning (Entra, Okta): false suspends (eq) or disables (jairo) the account.
      attr('active', { type: 'boolean' }),
      ...(password ? [attr('password', { mutability: 'writeOnly', returned: 'never' })] : []),
      multi(
        'emails',
        [attr('value', { required: true }), attr('display'), typed(['work', 'home', 'other']), primary()],
        { required: requiredAtCreation(profile, col('email')), uniqueness: 'server' },
      ),
      multi('phoneNumbers', [
        attr('value', { required: true }),
        attr('display'),
        typed(['work', 'home', 'mobile', 'fax', 'pager', 'other']),
        primary(),
      ]),
      multi('addresses', [
        ...ADDRESS_PARTS.filter((p) => p !== 'type').map((n) => attr(n)),
        typed(['work', 'home', 'other']),
        primary(),
      ]),
      multi(
        'groups',
        [
          attr('value', { mutability: 'readOnly' }),
          attr('$ref', { type: 'reference', referenceTypes: ['Group'], mutability: 'readOnly' }),
          attr('display', { mutability: 'readOnly' }),
          attr('type', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }),
        ],
        { mutability: 'readOnly' },
      ),
      attr('externalId', { caseExact: true, uniqueness: 'server' }),
    ],
  };
}

/** RFC 7643 4.3: the enterprise User extension that Entra ID and Okta map by default. */
function enterpriseSchema(): Attribute {
  return {
    id: SCHEMA_ENTERPRISE_USER,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: [
      ...ENTERPRISE_SIMPLE.map((n) => attr(n)),
      attr('manager', {
        type: 'complex',
        subAttributes: [
          attr('value'),
          attr('$ref', { type: 'reference', referenceTypes: ['User'] }),
          attr('displayName', { mutability: 'readOnly' }),
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
    const over: Partial<Attribute> = {
      description: `${col.header.en} / ${col.header.ja}`,
      caseExact: true,
      mutability: mutabilityOf(col),
    };
    if (col.key === 'groups') over.multiValued = true;
    const options = col.options?.map((o) => o.value);
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
      multi('members', [
        attr('value', { mutability: 'immutable' }),
        attr('$ref', { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' }),
        attr('display', { mutability: 'readOnly' }),
        attr('type', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
      ]),
    ],
  };
}

/** The schemas of a tenant (RFC 7643 7): what /Schemas publishes and what requests are checked against. */
export function schemasFor(profile: Profile): Attribute[] {
  return [userSchema(profile), enterpriseSchema(), extensionSchema(profile), groupSchema()];
}
