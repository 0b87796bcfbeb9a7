// The profile of a SCIM 2.0 service that is not a Roster server (issue 19): built from what the
// service declares at /Schemas and /ResourceTypes (RFC 7643 7, RFC 7644 4), as data, so
// validateRows and diffRoster judge its rows exactly as they judge eq's and jairo's. Pure.
import type { Column, EnumOption, Localized, Profile, Rule } from '../profile';
import type { RowMode } from '../types';

/** An attribute definition of a SCIM schema (RFC 7643 7): only what the roster reads. */
export interface ScimAttributeDef {
  name: string;
  type?: string;
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: string;
  returned?: string;
  uniqueness?: string;
  canonicalValues?: readonly unknown[];
  subAttributes?: readonly ScimAttributeDef[];
}

/** A schema of the service (an entry of /Schemas). */
export interface ScimSchemaDef {
  id: string;
  name?: string;
  attributes: readonly ScimAttributeDef[];
}

/** The User resource type (an entry of /ResourceTypes): its core schema and extensions. */
export interface UserResourceTypeDef {
  schema: string;
  schemaExtensions?: readonly { schema: string; required?: boolean }[];
}

export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** The SCIM path of the primary email: the sheet's one email column. */
export const PRIMARY_EMAIL_PATH = 'emails[primary eq true].value';

const EDITING: readonly RowMode[] = ['register-invite', 'register-password', 'update'];
/** Attribute types a sheet cell can hold as text and the rules can judge as text. */
const TEXT_TYPES = new Set(['string', 'reference']);
/** Types shown but not edited: validateRows has no number or date rule, so they stay locked. */
const SHOWN_TYPES = new Set(['integer', 'decimal', 'dateTime']);

const CORE_HEADERS: Record<string, Localized> = {
  userName: { ja: 'ユーザーID', en: 'User ID' },
  displayName: { ja: '表示名', en: 'Display name' },
  'name.familyName': { ja: '姓', en: 'Family name' },
  'name.givenName': { ja: '名', en: 'Given name' },
  'name.middleName': { ja: 'ミドルネーム', en: 'Middle name' },
  email: { ja: 'メールアドレス', en: 'Email' },
  active: { ja: '有効', en: 'Active' },
};

/** Words for the attributes of RFC 7643 4.3's enterprise extension; others show their own name. */
const EXTENSION_HEADERS: Record<string, Localized> = {
  employeeNumber: { ja: '社員番号', en: 'Employee number' },
  costCenter: { ja: 'コストセンター', en: 'Cost center' },
  organization: { ja: '組織', en: 'Organization' },
  division: { ja: '事業部', en: 'Division' },
  department: { ja: '部署', en: 'Department' },
};

/** The parts of `name` a roster keeps (honorifics and the formatted name are left to the service). */
const NAME_PARTS = ['familyName', 'givenName', 'middleName'];

const BOOLEAN_OPTIONS: readonly EnumOption[] = [
  { value: 'true', label: { ja: '有効', en: 'Active' } },
  { value: 'false', label: { ja: '無効', en: 'Inactive' } },
];

const byName = (attrs: readonly ScimAttributeDef[] | undefined, name: string) =>
  attrs?.find((a) => a.name.toLowerCase() === name.toLowerCase());

/**
 * One column from one attribute definition, its rules read from the schema: `required`,
 * `mutability` (readOnly locked, immutable fixed once created, writeOnly never read back),
 * `uniqueness` with `caseExact`, `canonicalValues` as a drop-down, booleans as a choice.
 */
function columnOf(
  key: string,
  scim: string,
  header: Localized,
  def: ScimAttributeDef,
  kind: Column['kind'] = 'text',
): Column {
  const mutability = def.mutability ?? 'readWrite';
  const type = def.type ?? 'string';
  const shownOnly = mutability === 'readOnly' || SHOWN_TYPES.has(type);
  const rules: Rule[] = [];
  if (def.required && !shownOnly) rules.push({ type: 'required', in: EDITING });
  if (kind === 'email') rules.push({ type: 'email' });
  let options: EnumOption[] | undefined;
  if (type === 'boolean') {
    options = [...BOOLEAN_OPTIONS];
    rules.push({ type: 'oneOf' });
  } else if (def.canonicalValues && def.canonicalValues.length > 0) {
    options = def.canonicalValues.map((v) => ({ value: String(v), label: { ja: String(v), en: String(v) } }));
    rules.push({ type: 'oneOf' });
  }
  // RFC 7643 2.1: uniqueness "server" or "global"; caseExact false means "Bjensen" = "bjensen".
  if (def.uniqueness === 'server' || def.uniqueness === 'global')
    rules.push({ type: 'unique', caseInsensitive: def.caseExact !== true });
  return {
    key,
    header,
    scim,
    kind: options ? 'enum' : kind,
    editable: !shownOnly,
    serverManaged: shownOnly,
    writeOnly: mutability === 'writeOnly' || def.returned === 'never',
    immutable: mutability === 'immutable',
    ...(options ? { options } : {}),
    rules,
    ignoredIn: [],
  };
}

/** The short name of an extension for a column key that would clash: its URN's last part. */
function extensionPrefix(urn: string): string {
  const parts = urn.split(':');
  return parts[parts.length - 1] === 'User' ? (parts[parts.length - 3] ?? urn) : (parts.pop() ?? urn);
}

/**
 * The generic profile of a SCIM service: columns for the core User attributes it declares
 * (userName, displayName, the parts of name, the primary email, active) and the simple, single
 * attributes of the User extensions its resource type lists. An attribute the service does not
 * declare gets no column. Without a User schema, the RFC 7643 minimum: userName alone.
 */
export function genericProfile(
  schemas: readonly ScimSchemaDef[],
  userType: UserResourceTypeDef = { schema: CORE_USER_SCHEMA },
): Profile {
  const core = schemas.find((s) => s.id === userType.schema);
  const attrs = core?.attributes ?? [
    { name: 'userName', type: 'string', required: true, uniqueness: 'server' },
  ];
  const columns: Column[] = [];
  const userName = byName(attrs, 'userName') ?? { name: 'userName', required: true, uniqueness: 'server' };
  columns.push(columnOf('userName', 'userName', CORE_HEADERS.userName!, userName));
  const displayName = byName(attrs, 'displayName');
  if (displayName)
    columns.push(columnOf('displayName', 'displayName', CORE_HEADERS.displayName!, displayName));
  const name = byName(attrs, 'name');
  for (const part of NAME_PARTS) {
    const def = byName(name?.subAttributes, part);
    if (def) columns.push(columnOf(`name.${part}`, `name.${part}`, CORE_HEADERS[`name.${part}`]!, def));
  }
  const emails = byName(attrs, 'emails');
  const emailValue = byName(emails?.subAttributes, 'value');
  if (emails && emailValue) {
    // The multi-valued attribute's mutability governs its values (RFC 7643 2.4).
    const def = {
      ...emailValue,
      mutability: emails.mutability ?? emailValue.mutability,
      required: emails.required,
    };
    columns.push(columnOf('email', PRIMARY_EMAIL_PATH, CORE_HEADERS.email!, def, 'email'));
  }
  const active = byName(attrs, 'active');
  if (active)
    columns.push(columnOf('active', 'active', CORE_HEADERS.active!, { ...active, type: 'boolean' }));

  const taken = new Set(columns.map((c) => c.key));
  for (const { schema } of userType.schemaExtensions ?? []) {
    const ext = schemas.find((s) => s.id === schema);
    for (const def of ext?.attributes ?? []) {
      const type = def.type ?? 'string';
      if (def.multiValued || !(TEXT_TYPES.has(type) || SHOWN_TYPES.has(type) || type === 'boolean')) continue;
      const key = taken.has(def.name) ? `${extensionPrefix(schema)}.${def.name}` : def.name;
      taken.add(key);
      const header = EXTENSION_HEADERS[def.name] ?? { ja: def.name, en: def.name };
      columns.push(columnOf(key, `${schema}:${def.name}`, header, def));
    }
  }
  return {
    id: 'generic',
    name: { ja: 'SCIM 2.0（汎用）', en: 'SCIM 2.0 (generic)' },
    columns,
    // New rows carry no password (the sheet has no password column for another service), so a
    // generic service is edited in the invitation mode's rules: the service decides sign-in.
    modes: ['register-invite', 'update'],
    userNameColumn: 'userName',
    roleColumn: '',
    adminRoles: [],
    locks: { directorySynced: [], selfRegistered: [] },
    registration: { minStrengthScore: null, userEditable: [], searchHidesPending: false },
    inactiveStatus: '',
  };
}
