import { z } from 'zod';
import { LIMITS } from './limits';
import { ScimError } from './ScimError';

/** RFC 7643 4.3: the enterprise User extension, which Entra ID and Okta send by default. */
export const SCHEMA_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/**
 * The User attributes identity providers send that no profile column holds (RFC 7643 4.1,
 * 4.3): stored and returned as they came, shown in the sheet only where a profile has a column.
 */
export interface IdentityAttributes {
  nickName?: string;
  title?: string;
  userType?: string;
  profileUrl?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  /** Emails beside the primary one (which is the profile's email column). */
  otherEmails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  addresses?: Address[];
  enterprise?: Enterprise;
}

export interface MultiValue {
  value: string;
  type?: string;
  display?: string;
  primary?: boolean;
}
export type Address = Partial<
  Record<'formatted' | 'streetAddress' | 'locality' | 'region' | 'postalCode' | 'country' | 'type', string>
> & { primary?: boolean };
export type Enterprise = Partial<
  Record<'employeeNumber' | 'costCenter' | 'organization' | 'division' | 'department', string>
> & { manager?: { value?: string; displayName?: string } };

/** The simple string attributes of IdentityAttributes, by their SCIM name. */
export const SIMPLE_IDENTITY = [
  'nickName',
  'title',
  'userType',
  'profileUrl',
  'preferredLanguage',
  'locale',
  'timezone',
] as const;
export const ENTERPRISE_SIMPLE = [
  'employeeNumber',
  'costCenter',
  'organization',
  'division',
  'department',
] as const;
export const ADDRESS_PARTS = [
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'country',
  'type',
] as const;

const text = z.string().max(LIMITS.shortText, `at most ${LIMITS.shortText} characters (limit shortText)`);
/** RFC 7643 2.5: null means unassigned, and so does an empty string here. */
const optionalText = z
  .union([text, z.null()])
  .optional()
  .transform((v) => (v === null || v === '' ? undefined : v));
const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False']), z.null()])
  .optional()
  .transform((v) =>
    v === null || v === undefined ? undefined : v === true || String(v).toLowerCase() === 'true',
  );

/** What `plainMember` gives for a member that only zod may read. */
const NOT_PLAIN = Symbol('not plain');

/**
 * A case-insensitive object of the given string keys (RFC 7643 2.1: names ignore case). Keys are
 * looked up in a map made once, and a plain short string or a boolean `primary` is taken without
 * zod: a Bulk request reads thousands of these (--cpu-prof, issue 18). Anything else goes through
 * the key's schema, for its message. `plain` reads a whole object that way, or gives undefined
 * when a key is unknown or a member needs zod.
 */
function caseless<K extends string>(keys: readonly K[], extra: Record<string, z.ZodType> = {}) {
  const byLowerName = new Map([...keys, ...Object.keys(extra)].map((k) => [k.toLowerCase(), k]));
  const schemaOf = (key: string) => (Object.hasOwn(extra, key) ? extra[key] : undefined);
  // How each key's plain value looks: text (a short string), a boolean, or only through zod.
  const plainKind = new Map(
    [...byLowerName.values()].map((k) => {
      const schema = schemaOf(k);
      return [k, !schema ? 'text' : schema === boolish ? 'boolean' : 'zod'] as const;
    }),
  );
  /** A member without zod: a short string (blank is unassigned), a boolean where boolish. */
  const plainMember = (key: string, v: unknown): unknown => {
    const kind = plainKind.get(key);
    if (kind === 'text' && typeof v === 'string' && v.length <= LIMITS.shortText)
      return v === '' ? undefined : v;
    if (kind === 'boolean' && typeof v === 'boolean') return v;
    return NOT_PLAIN;
  };
  const schema = z.record(z.string(), z.unknown()).transform((obj, ctx) => {
    const out: Record<string, unknown> = {};
    for (const [rawKey, v] of Object.entries(obj)) {
      const key = byLowerName.get(rawKey.toLowerCase());
      if (!key) {
        ctx.addIssue({ code: 'custom', message: `unknown sub-attribute '${rawKey}'` });
        continue;
      }
      const p = plainMember(key, v);
      if (p !== NOT_PLAIN) {
        if (p !== undefined) out[key] = p;
        continue;
      }
      const r = (schemaOf(key) ?? optionalText).safeParse(v);
      if (!r.success) ctx.addIssue({ code: 'custom', message: `${key}: ${r.error.issues[0]?.message}` });
      else if (r.data !== undefined) out[key] = r.data;
    }
    return out;
  });
  const plain = (obj: Record<string, unknown>): Record<string, unknown> | undefined => {
    const out: Record<string, unknown> = {};
    for (const rawKey of Object.keys(obj)) {
      const key = byLowerName.get(rawKey.toLowerCase());
      if (key === undefined) return undefined;
      const p = plainMember(key, obj[rawKey]);
      if (p === NOT_PLAIN) return undefined;
      if (p !== undefined) out[key] = p;
    }
    return out;
  };
  return Object.assign(schema, { plain });
}

/** RFC 7643 4.1.1: the parts of `name`. */
export const NAME_PARTS = [
  'formatted',
  'familyName',
  'givenName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
] as const;

/** A `name` value; a null part is unassigned. */
export const nameSchema = caseless(NAME_PARTS);

const multiValue = caseless(['value', 'type', 'display'] as const, { primary: boolish });
export const multiValues = z.union([z.array(z.unknown()).max(100), z.null()]).transform((list, ctx) => {
  const out: MultiValue[] = [];
  for (const item of list ?? []) {
    if (item === null) continue;
    const r = multiValue.safeParse(item);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'not a multi-valued entry' });
      continue;
    }
    // RFC 7643 2.4: an entry without a value carries nothing.
    if (typeof r.data.value === 'string') out.push(r.data as unknown as MultiValue);
  }
  return out;
});
/**
 * A multi-valued attribute as `multiValues` reads it, without zod, for the shape clients send: a
 * list of entries that `multiValue.plain` reads. 1,000 Bulk users spent 1.0 of 2.6 ms of reading
 * their bodies in zod here (issue 18). Undefined for anything else, which zod reads, for its
 * message; identityAttributes.test.ts holds the two equal on every shape it makes.
 */
export function plainMultiValues(value: unknown): MultiValue[] | undefined {
  if (!Array.isArray(value) || value.length > 100) return undefined;
  const out: MultiValue[] = [];
  for (const item of value as unknown[]) {
    if (item === null) continue;
    if (typeof item !== 'object' || Array.isArray(item)) return undefined;
    const entry = multiValue.plain(item as Record<string, unknown>);
    if (!entry) return undefined;
    if (typeof entry.value === 'string') out.push(entry as unknown as MultiValue);
  }
  return out;
}

const address = caseless(ADDRESS_PARTS, { primary: boolish });
const addresses = z
  .union([z.array(z.union([address, z.null()])).max(100), z.null()])
  .transform((list) =>
    (list ?? []).filter((a): a is Record<string, unknown> => a !== null && Object.keys(a).length > 0),
  );
const enterprise = caseless(ENTERPRISE_SIMPLE, {
  manager: z
    .union([z.string(), caseless(['value', 'displayName', '$ref'] as const), z.null()])
    .optional()
    // Entra sends the manager's id alone in a PATCH; RFC 7643 4.3 has it as `value`.
    .transform((m) => (m === null || m === undefined ? undefined : typeof m === 'string' ? { value: m } : m)),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new ScimError(400, `${field}: ${r.error.issues.map((i) => i.message).join('; ')}`, 'invalidValue');
  }
  return r.data;
}

/** Reads one identity attribute of a User body into `into`; false when `key` is not one. */
export function readIdentityAttribute(key: string, value: unknown, into: IdentityAttributes): boolean {
  const simple = SIMPLE_IDENTITY.find((k) => k.toLowerCase() === key.toLowerCase());
  if (simple) {
    const v = parse(optionalText, value, simple);
    if (v === undefined) delete into[simple];
    else into[simple] = v;
    return true;
  }
  switch (key.toLowerCase()) {
    case 'phonenumbers':
      into.phoneNumbers = plainMultiValues(value) ?? parse(multiValues, value, 'phoneNumbers');
      return true;
    case 'addresses':
      into.addresses = parse(addresses, value, 'addresses') as Address[];
      return true;
    case SCHEMA_ENTERPRISE_USER.toLowerCase():
      into.enterprise =
        value === null ? {} : (parse(enterprise, value, SCHEMA_ENTERPRISE_USER) as Enterprise);
      return true;
  }
  return false;
}

/** Every email of a body: the primary (or first) one, and the others (RFC 7643 4.1.2). */
export function readEmails(value: unknown): { primary: string; others: MultiValue[] } {
  // Addresses are kept in a unique index: their limit is checked before any other.
  for (const e of Array.isArray(value) ? value : []) {
    const v = (e as { value?: unknown } | null)?.value;
    if (typeof v === 'string' && v.length > LIMITS.indexedText) {
      throw new ScimError(
        400,
        `emails: at most ${LIMITS.indexedText} characters (limit indexedText) per address.`,
        'invalidValue',
      );
    }
  }
  const list = plainMultiValues(value) ?? parse(multiValues, value, 'emails');
  if (list.filter((e) => e.primary).length > 1) {
    throw new ScimError(400, 'emails: at most one email may be primary (RFC 7643 2.4).', 'invalidValue');
  }
  const main = list.find((e) => e.primary) ?? list[0];
  return { primary: main?.value ?? '', others: list.filter((e) => e !== main) };
}

/** Drops what is unassigned (RFC 7643 2.5): empty lists and objects, undefined members. */
export function compactIdentity(a: IdentityAttributes): IdentityAttributes {
  const out: IdentityAttributes = {};
  for (const k of SIMPLE_IDENTITY) if (a[k]) out[k] = a[k];
  if (a.otherEmails?.length) out.otherEmails = a.otherEmails;
  if (a.phoneNumbers?.length) out.phoneNumbers = a.phoneNumbers;
  if (a.addresses?.length) out.addresses = a.addresses;
  if (a.enterprise && Object.keys(a.enterprise).length > 0) out.enterprise = a.enterprise;
  return out;
}

/** The identity attributes as SCIM User members (the enterprise extension under its URN). */
export function renderIdentity(a: IdentityAttributes): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SIMPLE_IDENTITY) if (a[k]) out[k] = a[k];
  if (a.phoneNumbers?.length) out.phoneNumbers = a.phoneNumbers;
  if (a.addresses?.length) out.addresses = a.addresses;
  if (a.enterprise && Object.keys(a.enterprise).length > 0) out[SCHEMA_ENTERPRISE_USER] = a.enterprise;
  return out;
}
