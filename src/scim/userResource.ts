import { z } from 'zod';
import { isActiveStatus, ROSTER_USER_EXTENSION, type Column, type Profile } from '../domain';
import { SCHEMA_USER } from './constants';
import {
  nameSchema,
  readEmails,
  readIdentityAttribute,
  renderIdentity,
  SCHEMA_ENTERPRISE_USER,
  type IdentityAttributes,
} from './identityAttributes';
import { LIMITS } from './limits';
import { ScimError } from './ScimError';

/** A user as the server stores it, in the terms of SCIM and the profile. */
export interface UserRecord {
  id: string;
  userName: string;
  displayName: string;
  email: string;
  externalId: string | null;
  name: Record<string, string> | null;
  /** What identity providers send beyond the profile's columns (title, phones, enterprise…). */
  identity: IdentityAttributes;
  /** Profile attributes kept in the extension: role, canComment, remarks, status, memberNumber. */
  attrs: Record<string, string>;
  /** Group ids the user belongs to, sorted. */
  groups: string[];
  passwordIssuer: string;
  directorySynced: boolean;
  selfRegistered: boolean;
  version: number;
  created: Date;
  lastModified: Date;
}

/** Read-only extension attributes every profile has (RFC 7643 mutability readOnly). */
export const READ_ONLY_EXTENSION = ['directorySynced', 'selfRegistered', 'passwordIssuer'] as const;

/** The extension attribute name of a profile column kept in our extension, or undefined. */
export function extensionName(col: Column): string | undefined {
  const prefix = `${ROSTER_USER_EXTENSION}:`;
  return col.scim.startsWith(prefix) ? col.scim.slice(prefix.length) : undefined;
}

interface ExtensionColumns {
  /** In the profile's order, with their attribute names. */
  list: { name: string; col: Column }[];
  /** By lower-case attribute name (attribute names are case-insensitive, RFC 7643 2.1). */
  byLowerName: Map<string, Column>;
}
const extensionColumns = new WeakMap<Profile, ExtensionColumns>();

/** The profile's columns kept in our extension, worked out once per profile. */
function extensionColumnsOf(profile: Profile): ExtensionColumns {
  let found = extensionColumns.get(profile);
  if (!found) {
    found = { list: [], byLowerName: new Map() };
    for (const col of profile.columns) {
      const name = extensionName(col);
      if (!name) continue;
      found.list.push({ name, col });
      found.byLowerName.set(name.toLowerCase(), col);
    }
    extensionColumns.set(profile, found);
  }
  return found;
}

/** The weak ETag of a version (RFC 7232 2.3; RFC 7644 3.14). */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The version an ETag names, or undefined for one this server did not make. */
export function versionOfEtag(etag: string): number | undefined {
  const m = /^(?:W\/)?"(\d+)"$/.exec(etag.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * RFC 7644 3.14 / RFC 7232: an If-Match that names none of the current version is 412. `*` or no
 * header matches anything. `what` names the resource in the message.
 */
export function checkIfMatch(current: number, ifMatch: string | undefined, what: string): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  if (!ifMatch.split(',').some((t) => versionOfEtag(t) === current)) {
    throw new ScimError(
      412,
      `The ${what} was changed on the server since version ${ifMatch} was read (now W/"${current}").`,
    );
  }
}

/** The domain row values of a user (the roster's columns as cell text). */
export function recordValues(profile: Profile, rec: UserRecord): Record<string, string> {
  const values: Record<string, string> = {};
  for (const col of profile.columns) {
    if (col.writeOnly) continue;
    if (col.key === 'userName') values[col.key] = rec.userName;
    else if (col.key === 'displayName') values[col.key] = rec.displayName;
    else if (col.key === 'email') values[col.key] = rec.email;
    else if (col.key === 'groups') values[col.key] = rec.groups.join(' ');
    else values[col.key] = rec.attrs[col.key] ?? '';
  }
  return values;
}

/** The SCIM User resource of a record (RFC 7643 4.1). */
export function toScimUser(profile: Profile, rec: UserRecord, baseUrl: string): Record<string, unknown> {
  // Assigned member by member, in the order of the resource: a list builds 10,000 of these, and
  // spreading optional parts cost more than the rest (measured with --cpu-prof).
  const extension: Record<string, unknown> = {};
  for (const { name, col } of extensionColumnsOf(profile).list) {
    extension[name] = col.key === 'groups' ? rec.groups : (rec.attrs[col.key] ?? '');
  }
  extension.directorySynced = rec.directorySynced;
  extension.selfRegistered = rec.selfRegistered;
  extension.passwordIssuer = rec.passwordIssuer;
  const identity = renderIdentity(rec.identity ?? {});
  const otherEmails = rec.identity?.otherEmails;
  const emails = rec.email ? [{ value: rec.email, type: 'work', primary: true }] : [];
  if (otherEmails?.length) emails.push(...(otherEmails as typeof emails));
  // RFC 7643 2.5: unassigned attributes (null, empty lists) are left out.
  const resource: Record<string, unknown> = {
    schemas:
      SCHEMA_ENTERPRISE_USER in identity
        ? [SCHEMA_USER, ROSTER_USER_EXTENSION, SCHEMA_ENTERPRISE_USER]
        : [SCHEMA_USER, ROSTER_USER_EXTENSION],
    id: rec.id,
  };
  if (rec.externalId !== null) resource.externalId = rec.externalId;
  resource.userName = rec.userName;
  if (rec.name && Object.keys(rec.name).length > 0) resource.name = rec.name;
  resource.displayName = rec.displayName;
  resource.active = isActiveStatus(rec.attrs.status);
  if (emails.length > 0) resource.emails = emails;
  if (rec.groups.length > 0)
    resource.groups = rec.groups.map((g) => ({ value: g, $ref: `${baseUrl}/Groups/${g}`, type: 'direct' }));
  for (const k in identity) resource[k] = identity[k];
  resource[ROSTER_USER_EXTENSION] = extension;
  resource.meta = {
    resourceType: 'User',
    created: rec.created.toISOString(),
    lastModified: rec.lastModified.toISOString(),
    version: etagOf(rec.version),
    location: `${baseUrl}/Users/${rec.id}`,
  };
  return resource;
}

/** What a client asked a user to be: only the attributes it sent. */
export interface UserInput {
  values: Record<string, string>;
  password?: string;
  /** Null when unassigned; a body is a whole resource (POST, PUT, a PATCH's result). */
  externalId: string | null;
  name: Record<string, string> | null;
  identity: IdentityAttributes;
  active?: boolean;
  /**
   * Whether the body had our extension object at all. A PUT from a provisioning client that
   * knows only the core schema keeps the extension attributes as they are.
   */
  hasExtension: boolean;
}

type TextLimit = 'indexedText' | 'shortText' | 'password' | 'jsonString';
/**
 * A string within one of the LIMITS; the message names the limit. Made once per limit: building
 * a zod schema per value cost more than the rest of a Bulk create (measured with --cpu-prof).
 */
const BOUNDED = Object.fromEntries(
  (['indexedText', 'shortText', 'password', 'jsonString'] as const).map((limit) => [
    limit,
    z.string().max(LIMITS[limit], `at most ${LIMITS[limit]} characters (limit ${limit})`),
  ]),
) as Record<TextLimit, z.ZodString>;

/**
 * A string within a limit. The common case (a string short enough) is checked without zod: it
 * cost a third of parsing a Bulk request of 1,000 users (--cpu-prof, issue 18); anything else
 * goes through the zod schema, for the same message.
 */
function boundedText(limit: TextLimit, value: unknown, field: string): string {
  return typeof value === 'string' && value.length <= LIMITS[limit]
    ? value
    : parseWith(BOUNDED[limit], value, field);
}

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const SCHEMA_LIST = z.array(z.string());
const OBJECT = z.record(z.string(), z.unknown());
const ID_LIST = z.union([z.array(scalar), z.string()]);
const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((v) => v === true || String(v).toLowerCase() === 'true');

/**
 * The core attributes a User body may have (RFC 7643 4.1), keyed by lower case because
 * attribute names are case-insensitive (RFC 7643 2.1). Read-only ones are accepted and ignored.
 */
const CORE: Record<string, string> = {
  schemas: 'schemas',
  id: 'id',
  meta: 'meta',
  groups: 'groups',
  externalid: 'externalId',
  username: 'userName',
  displayname: 'displayName',
  name: 'name',
  emails: 'emails',
  password: 'password',
  active: 'active',
};

function fieldError(field: string, detail: string): ScimError {
  return new ScimError(400, `${field}: ${detail}`, 'invalidValue');
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fieldError(field, r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

/** A JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a User body (POST, PUT, or a Bulk operation's data) into profile values. Unknown
 * attributes and wrong types are a 400 naming the attribute; read-only attributes are ignored
 * (RFC 7643 2.2).
 */
export function parseUserBody(profile: Profile, body: unknown): UserInput {
  if (!isRecord(body)) {
    throw new ScimError(400, 'The body must be a JSON object (a SCIM User).', 'invalidSyntax');
  }
  const input: UserInput = { values: {}, hasExtension: false, externalId: null, name: null, identity: {} };
  const extByName = extensionColumnsOf(profile).byLowerName;
  let sawUserSchema = false;
  const extensionKey = ROSTER_USER_EXTENSION.toLowerCase();
  for (const [rawKey, value] of Object.entries(body)) {
    const lowerKey = rawKey.toLowerCase();
    if (lowerKey === extensionKey) {
      input.hasExtension = true;
      readExtension(extByName, value, input);
      continue;
    }
    const key = CORE[lowerKey];
    if (key === undefined && readIdentityAttribute(rawKey, value, input.identity)) continue;
    switch (key) {
      case undefined:
        throw new ScimError(400, `Unknown attribute '${rawKey}' for a User of this service.`, 'invalidValue');
      case 'schemas': {
        const schemas =
          Array.isArray(value) && value.every((v) => typeof v === 'string')
            ? (value as string[])
            : parseWith(SCHEMA_LIST, value, 'schemas');
        sawUserSchema = schemas.some((s) => s.toLowerCase() === SCHEMA_USER.toLowerCase());
        const known = [SCHEMA_USER, ROSTER_USER_EXTENSION, SCHEMA_ENTERPRISE_USER].map((u) =>
          u.toLowerCase(),
        );
        const unknown = schemas.find((s) => !known.includes(s.toLowerCase()));
        if (unknown) throw new ScimError(400, `Unknown schema '${unknown}'.`, 'invalidValue');
        break;
      }
      case 'id':
      case 'meta':
      case 'groups':
        break;
      case 'externalId': {
        // An empty externalId is unassigned, like null (docs/SECURITY.md).
        const id = value === null ? '' : boundedText('indexedText', value, 'externalId');
        input.externalId = id === '' ? null : id;
        break;
      }
      case 'userName':
        input.values.userName = boundedText('indexedText', value, 'userName');
        break;
      case 'displayName':
        input.values.displayName = boundedText('shortText', value, 'displayName');
        break;
      case 'name': {
        const name = value === null ? {} : parseWith(nameSchema, value, 'name');
        input.name = Object.keys(name).length > 0 ? (name as Record<string, string>) : null;
        break;
      }
      case 'emails': {
        const { primary, others } = readEmails(value);
        input.values.email = primary;
        if (others.length > 0) input.identity.otherEmails = others;
        break;
      }
      case 'password':
        input.password = boundedText('password', value, 'password');
        break;
      case 'active':
        if (value !== null) input.active = parseWith(boolish, value, 'active');
        break;
    }
  }
  if (!sawUserSchema) {
    throw new ScimError(400, `'schemas' must include ${SCHEMA_USER}.`, 'invalidSyntax');
  }
  return input;
}

function readExtension(extByName: Map<string, Column>, value: unknown, input: UserInput): void {
  const obj = isRecord(value) ? value : parseWith(OBJECT, value, ROSTER_USER_EXTENSION);
  for (const [name, v] of Object.entries(obj)) {
    const col = extByName.get(name.toLowerCase());
    if (!col) {
      if ((READ_ONLY_EXTENSION as readonly string[]).includes(name)) continue;
      throw new ScimError(400, `Unknown attribute '${name}' in ${ROSTER_USER_EXTENSION}.`, 'invalidValue');
    }
    if (col.serverManaged) continue;
    if (col.key === 'groups') {
      const ids = parseWith(ID_LIST, v ?? [], name);
      input.values.groups = Array.isArray(ids) ? ids.join(' ') : ids;
    } else {
      const text =
        v === null
          ? ''
          : typeof v === 'string'
            ? v
            : typeof v === 'number' || typeof v === 'boolean'
              ? String(v)
              : parseWith(scalar, v, name);
      // Remarks are free text (seed 004: no limit) up to what one Excel cell holds.
      input.values[col.key] = boundedText(col.key === 'remarks' ? 'jsonString' : 'shortText', text, name);
    }
  }
}
