import { sql, type RawBuilder } from 'kysely';
import type { Filter } from 'scim2-parse-filter';
import { DISABLED_STATUS, ROSTER_USER_EXTENSION, SUSPENDED_STATUS, type Profile } from '../../domain';
import { SCHEMA_USER } from '../../scim/constants';
import {
  ENTERPRISE_SIMPLE,
  NAME_PARTS,
  SCHEMA_ENTERPRISE_USER,
  SIMPLE_IDENTITY,
} from '../../scim/identityAttributes';
import { isStorableDate } from '../../scim/limits';
import { ScimError } from '../../scim/ScimError';
import { extensionName } from '../../scim/userResource';

/**
 * What a filter attribute path means in the users table. `ci` text compares case-insensitively
 * (RFC 7643 caseExact false: userName, displayName, emails, name parts).
 */
type Attr =
  | { kind: 'text'; expr: RawBuilder<string>; ci: boolean }
  | { kind: 'bool'; expr: RawBuilder<boolean> }
  | { kind: 'time'; expr: RawBuilder<Date> }
  | { kind: 'membership' };

const text = (expr: RawBuilder<string>, ci: boolean): Attr => ({ kind: 'text', expr, ci });

function invalidFilter(detail: string): ScimError {
  return new ScimError(400, detail, 'invalidFilter');
}

/** Resolves a (lower-cased) attribute path of a User to SQL. */
function resolve(profile: Profile, rawPath: string): Attr {
  let path = rawPath.toLowerCase();
  // Names may be qualified with their schema's URN (RFC 7644 3.10).
  const core = `${SCHEMA_USER.toLowerCase()}:`;
  if (path.startsWith(core)) path = path.slice(core.length);
  const enterprise = `${SCHEMA_ENTERPRISE_USER.toLowerCase()}:`;
  if (path.startsWith(enterprise)) {
    const rest = path.slice(enterprise.length);
    const key = ENTERPRISE_SIMPLE.find((k) => k.toLowerCase() === rest);
    if (key) return text(sql<string>`(users.identity->'enterprise'->>${key})`, true);
    if (rest === 'manager' || rest === 'manager.value')
      return text(sql<string>`(users.identity->'enterprise'->'manager'->>'value')`, false);
    throw invalidFilter(`Cannot filter on '${rawPath}'.`);
  }
  const urn = `${ROSTER_USER_EXTENSION.toLowerCase()}:`;
  let extension = false;
  if (path.startsWith(urn)) {
    path = path.slice(urn.length);
    extension = true;
  }
  if (!extension) {
    const simple = SIMPLE_IDENTITY.find((k) => k.toLowerCase() === path);
    if (simple) return text(sql<string>`(users.identity->>${simple})`, true);
    switch (path) {
      case 'id':
        return text(sql<string>`users.id`, false);
      case 'externalid':
        return text(sql<string>`users.external_id`, false);
      case 'username':
        return text(sql<string>`users.user_name`, true);
      case 'displayname':
        return text(sql<string>`users.display_name`, true);
      case 'emails':
      case 'emails.value':
        return text(sql<string>`users.email`, true);
      case 'emails.type':
        return text(sql<string>`(case when users.email <> '' then 'work' end)`, true);
      case 'emails.primary':
        return { kind: 'bool', expr: sql<boolean>`(users.email <> '')` };
      case 'active':
        // isActiveStatus in SQL: 利用停止中 (eq) and 無効 (jairo) are inactive.
        return {
          kind: 'bool',
          expr: sql<boolean>`(coalesce(users.attrs->>'status', '') not in (${SUSPENDED_STATUS}, ${DISABLED_STATUS}))`,
        };
      case 'meta.created':
        return { kind: 'time', expr: sql<Date>`users.created_at` };
      case 'meta.lastmodified':
        return { kind: 'time', expr: sql<Date>`users.updated_at` };
      case 'groups':
      case 'groups.value':
        return { kind: 'membership' };
    }
    const part = NAME_PARTS.find((k) => `name.${k.toLowerCase()}` === path);
    if (part) return text(sql<string>`(users.name->>${part})`, true);
  }
  // Extension attributes, with or without their URN.
  switch (path) {
    case 'directorysynced':
      return { kind: 'bool', expr: sql<boolean>`users.directory_synced` };
    case 'selfregistered':
      return { kind: 'bool', expr: sql<boolean>`users.self_registered` };
    case 'passwordissuer':
      return text(sql<string>`users.password_issuer`, false);
  }
  for (const col of profile.columns) {
    const ext = extensionName(col);
    if (ext?.toLowerCase() !== path) continue;
    if (col.key === 'groups') return { kind: 'membership' };
    return text(sql<string>`coalesce(users.attrs->>${col.key}, '')`, false);
  }
  throw invalidFilter(`Unknown attribute '${rawPath}' in the filter.`);
}

function literal(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

function compareText(attr: Extract<Attr, { kind: 'text' }>, op: string, value: unknown): RawBuilder<boolean> {
  if (value === null) {
    if (op === 'eq') return sql<boolean>`(${attr.expr} is null or ${attr.expr} = '')`;
    if (op === 'ne') return sql<boolean>`(${attr.expr} is not null and ${attr.expr} <> '')`;
    throw invalidFilter(`'${op}' cannot compare with null.`);
  }
  const v = literal(value);
  const left = attr.ci ? sql<string>`lower(${attr.expr})` : attr.expr;
  const right = attr.ci ? v.toLowerCase() : v;
  switch (op) {
    case 'eq':
      return sql<boolean>`(${left} = ${right})`;
    case 'ne':
      return sql<boolean>`(${left} is distinct from ${right})`;
    case 'co':
      return sql<boolean>`(strpos(${left}, ${right}) > 0)`;
    case 'sw':
      return sql<boolean>`starts_with(${left}, ${right})`;
    case 'ew':
      return sql<boolean>`(right(${left}, ${right.length}) = ${right})`;
    case 'gt':
      return sql<boolean>`(${left} > ${right})`;
    case 'ge':
      return sql<boolean>`(${left} >= ${right})`;
    case 'lt':
      return sql<boolean>`(${left} < ${right})`;
    case 'le':
      return sql<boolean>`(${left} <= ${right})`;
  }
  throw invalidFilter(`Unknown operator '${op}'.`);
}

function compare(attr: Attr, op: string, value: unknown, path: string): RawBuilder<boolean> {
  switch (attr.kind) {
    case 'text':
      return compareText(attr, op, value);
    case 'bool': {
      const b = value === true || String(value).toLowerCase() === 'true';
      if (op === 'eq') return sql<boolean>`(${attr.expr} = ${b})`;
      if (op === 'ne') return sql<boolean>`(${attr.expr} <> ${b})`;
      throw invalidFilter(`'${path}' is a boolean: only eq, ne and pr apply.`);
    }
    case 'time': {
      const t = new Date(literal(value));
      if (!isStorableDate(t))
        throw invalidFilter(`'${literal(value)}' is not a date-time of the years 0001–9999 for '${path}'.`);
      const ops: Record<string, string> = { eq: '=', ne: '<>', gt: '>', ge: '>=', lt: '<', le: '<=' };
      const sqlOp = ops[op];
      if (!sqlOp) throw invalidFilter(`'${op}' does not apply to the date-time '${path}'.`);
      return sql<boolean>`(${attr.expr} ${sql.raw(sqlOp)} ${t})`;
    }
    case 'membership': {
      const member = sql<boolean>`exists (select 1 from group_members gm where gm.tenant_id = users.tenant_id and gm.user_id = users.id and gm.group_id = ${literal(value)})`;
      if (op === 'eq') return member;
      if (op === 'ne') return sql<boolean>`(not ${member})`;
      throw invalidFilter(`'${path}' supports only eq, ne and pr.`);
    }
  }
}

function present(attr: Attr): RawBuilder<boolean> {
  switch (attr.kind) {
    case 'text':
      return sql<boolean>`(${attr.expr} is not null and ${attr.expr} <> '')`;
    case 'bool':
    case 'time':
      return sql<boolean>`(${attr.expr} is not null)`;
    case 'membership':
      return sql<boolean>`exists (select 1 from group_members gm where gm.tenant_id = users.tenant_id and gm.user_id = users.id)`;
  }
}

function toSql(profile: Profile, f: Filter, prefix: string): RawBuilder<boolean> {
  switch (f.op) {
    case 'and':
    case 'or': {
      const parts = (f as { filters: Filter[] }).filters.map((x) => toSql(profile, x, prefix));
      return sql<boolean>`(${sql.join(parts, sql.raw(f.op === 'and' ? ' and ' : ' or '))})`;
    }
    case 'not':
      return sql<boolean>`(not ${toSql(profile, (f as { filter: Filter }).filter, prefix)})`;
    case '[]': {
      const vp = f as { attrPath: string; valFilter: Filter };
      return toSql(profile, vp.valFilter, `${vp.attrPath}.`);
    }
    case 'pr':
      return present(resolve(profile, prefix + (f as { attrPath: string }).attrPath));
    default: {
      const c = f as { op: string; attrPath: string; compValue: unknown };
      const path = prefix + c.attrPath;
      return compare(resolve(profile, path), c.op, c.compValue, path);
    }
  }
}

/** A parsed and checked SCIM filter (RFC 7644 3.4.2.2) over Users as a SQL condition. */
export function userFilterSql(profile: Profile, filter: Filter): RawBuilder<boolean> {
  return toSql(profile, filter, '');
}

/** The SQL to sort Users by (RFC 7644 3.4.2.3); 400 for an attribute that cannot be sorted. */
export function userSortSql(profile: Profile, sortBy: string): RawBuilder<unknown> {
  const attr = resolve(profile, sortBy);
  if (attr.kind === 'membership') throw new ScimError(400, `Cannot sort by '${sortBy}'.`, 'invalidValue');
  return attr.kind === 'text' && attr.ci ? sql`lower(${attr.expr})` : attr.expr;
}
