// A generic profile's columns as SCIM User attributes (issue 19): each column's `scim` is a path
// the service declared (RFC 7644 3.10: `userName`, `name.givenName`, `urn:…:User:department`),
// read and written as such. The eq and jairo profiles keep their own mapping (userValues.ts,
// operations.ts); only `profile.id === 'generic'` comes here.
import { CORE_USER_SCHEMA, PRIMARY_EMAIL_PATH, type Change, type Column, type Profile } from '../domain';
import { SCHEMA_PATCH } from './constants';

type Json = Record<string, unknown>;

/** Whether a column holds a SCIM boolean (the generic profile's true/false choice). */
function isBoolean(col: Column): boolean {
  const values = col.options?.map((o) => o.value) ?? [];
  return values.length === 2 && values.includes('true') && values.includes('false');
}

/** `urn:…:User:department` → the extension URN and the attribute; undefined for a core path. */
function extensionPath(path: string): { urn: string; attr: string } | undefined {
  if (!path.startsWith('urn:')) return undefined;
  const at = path.lastIndexOf(':');
  return { urn: path.slice(0, at), attr: path.slice(at + 1) };
}

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(String).join(' ');
  return String(v);
}

/** One column's cell text from a user as the service returned it. */
export function genericValue(col: Column, user: Json): string {
  if (col.scim === PRIMARY_EMAIL_PATH) {
    const emails = Array.isArray(user.emails) ? (user.emails as Json[]) : [];
    return text((emails.find((e) => e.primary === true) ?? emails[0])?.value);
  }
  const ext = extensionPath(col.scim);
  if (ext) return text((user[ext.urn] as Json | undefined)?.[ext.attr]);
  const [head, sub] = col.scim.split('.');
  const v = user[head!];
  return text(sub ? (v as Json | undefined)?.[sub] : v);
}

/** The row values of a user: cell text per column (write-only columns never). */
export function genericUserValues(profile: Profile, user: Json): Record<string, string> {
  const values: Record<string, string> = {};
  for (const col of profile.columns) if (!col.writeOnly) values[col.key] = genericValue(col, user);
  return values;
}

/** A cell's text as the attribute's JSON value: booleans as booleans, the email as the primary one. */
function jsonValue(col: Column, v: string): unknown {
  if (isBoolean(col)) return v === 'true';
  if (col.scim === PRIMARY_EMAIL_PATH) return [{ value: v, type: 'work', primary: true }];
  return v;
}

/**
 * The body of a new user: every non-blank column the service lets a client set, the client key
 * as externalId (so a retry finds it), and the schemas of the extensions it uses.
 */
export function genericCreateBody(
  profile: Profile,
  values: Readonly<Record<string, string>>,
  clientKey: string,
): Json {
  const body: Json = { schemas: [CORE_USER_SCHEMA], externalId: clientKey };
  for (const col of profile.columns) {
    const v = values[col.key] ?? '';
    if (col.serverManaged || v === '') continue;
    const ext = extensionPath(col.scim);
    if (ext) {
      if (!(body.schemas as string[]).includes(ext.urn)) (body.schemas as string[]).push(ext.urn);
      body[ext.urn] = { ...(body[ext.urn] as Json | undefined), [ext.attr]: jsonValue(col, v) };
      continue;
    }
    if (col.scim === PRIMARY_EMAIL_PATH) {
      body.emails = jsonValue(col, v);
      continue;
    }
    const [head, sub] = col.scim.split('.');
    if (sub) body[head!] = { ...(body[head!] as Json | undefined), [sub]: v };
    else body[head!] = jsonValue(col, v);
  }
  return body;
}

/**
 * A PatchOp of the changed columns (RFC 7644 3.5.2): `replace` with the new value, `remove`
 * for a cleared cell (a blank string is a value to most services, not an absence). The sheet
 * keeps one email: the primary, so the email is replaced as a list of one.
 */
export function genericPatchBody(profile: Profile, changes: readonly Change[]): Json {
  const byKey = new Map(profile.columns.map((c) => [c.key, c]));
  const Operations = changes.flatMap((c) => {
    const col = byKey.get(c.column);
    if (!col || col.serverManaged) return [];
    const path = col.scim === PRIMARY_EMAIL_PATH ? 'emails' : col.scim;
    return c.after === ''
      ? [{ op: 'remove', path }]
      : [{ op: 'replace', path, value: jsonValue(col, c.after) }];
  });
  return { schemas: [SCHEMA_PATCH], Operations };
}
