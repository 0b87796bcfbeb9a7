import { parse, type Filter } from 'scim2-parse-filter';
import type { Profile } from '../domain';
import { SCHEMA_GROUP, SCHEMA_USER } from './constants';
import { LIMITS } from './limits';
import { schemasFor, type Attribute } from './schemas';
import { ScimError, type ScimType } from './ScimError';

/**
 * Every attribute name a request uses (PATCH paths, filters, `attributes`, `sortBy`, keys of a
 * PATCH value) must be one the tenant's /Schemas declares, and never `__proto__`,
 * `constructor` or `prototype`: scim-patch 0.8.3 follows such segments onto Object.prototype
 * (GHSA-9m6g-wc8r-q59c, GHSA-2mhw-wcx5-v3xj), so nothing unchecked may reach it.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** RFC 7643 2.1 ATTRNAME (plus `$ref`, RFC 7643 2.3.7). */
const ATTR_NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/;

/** RFC 7643 3.1: attributes every resource has, whatever its schema. */
const COMMON: Attribute[] = [
  { name: 'id' },
  { name: 'externalId' },
  { name: 'schemas', multiValued: true },
  {
    name: 'meta',
    type: 'complex',
    subAttributes: ['resourceType', 'created', 'lastModified', 'location', 'version'].map((name) => ({
      name,
    })),
  },
];

/** The attributes a request about one resource type may name, by schema URN. */
export interface Catalog {
  resource: 'User' | 'Group';
  /** The core schema's URN first, then its extensions. */
  schemas: { urn: string; attributes: Attribute[] }[];
}

/** Catalogs by profile: built once, not on every request (each PATCH of a Bulk asks). */
const catalogs = new WeakMap<Profile, Record<'User' | 'Group', Catalog>>();

/** The catalog of a tenant's User or Group, built from the very schemas /Schemas publishes. */
export function catalogFor(profile: Profile, resource: 'User' | 'Group'): Catalog {
  let both = catalogs.get(profile);
  if (!both) {
    const all = schemasFor(profile);
    const pick = (s: Attribute) => ({ urn: s.id as string, attributes: s.attributes as Attribute[] });
    const core = (urn: string) => pick(all.find((s) => s.id === urn)!);
    const extensions = all.filter((s) => s.id !== SCHEMA_USER && s.id !== SCHEMA_GROUP).map(pick);
    both = {
      User: { resource: 'User', schemas: [core(SCHEMA_USER), ...extensions] },
      Group: { resource: 'Group', schemas: [core(SCHEMA_GROUP)] },
    };
    catalogs.set(profile, both);
  }
  return both[resource];
}

const byName = (list: readonly Attribute[] | undefined, name: string) =>
  list?.find((a) => (a.name as string).toLowerCase() === name.toLowerCase());

function refuse(scimType: ScimType, detail: string): never {
  throw new ScimError(400, detail, scimType);
}

function checkName(name: string, whole: string, what: string, scimType: ScimType): void {
  if (FORBIDDEN.has(name.toLowerCase())) {
    refuse(scimType, `${what} '${whole}' names '${name}', which is never an attribute.`);
  }
  if (!ATTR_NAME.test(name)) refuse(scimType, `${what} '${whole}' is not an attribute path.`);
}

/** The schema a path's URN prefix names, and the rest of the path; no URN: the core schema. */
function splitUrn(
  catalog: Catalog,
  path: string,
  what: string,
  scimType: ScimType,
): { schema: Catalog['schemas'][number]; rest: string; qualified: boolean } {
  if (!/^urn:/i.test(path)) return { schema: catalog.schemas[0]!, rest: path, qualified: false };
  const lower = path.toLowerCase();
  // The longest URN first: an extension's URN may start with the core one's.
  const sorted = [...catalog.schemas].sort((a, b) => b.urn.length - a.urn.length);
  for (const schema of sorted) {
    const urn = schema.urn.toLowerCase();
    if (lower === urn) return { schema, rest: '', qualified: true };
    if (lower.startsWith(`${urn}:`)) return { schema, rest: path.slice(urn.length + 1), qualified: true };
  }
  return refuse(scimType, `${what} '${path}' names a schema this ${catalog.resource} does not have.`);
}

/** Finds a top-level attribute: in the named schema, or (unqualified) core, common, extensions. */
function findTop(
  catalog: Catalog,
  schema: Catalog['schemas'][number],
  qualified: boolean,
  name: string,
): Attribute | undefined {
  const found = byName(schema.attributes, name) ?? byName(COMMON, name);
  if (found || qualified) return found;
  for (const ext of catalog.schemas.slice(1)) {
    const a = byName(ext.attributes, name);
    if (a) return a;
  }
  return undefined;
}

interface PathOptions {
  /** How the refusal names the thing: `PATCH path`, `filter attribute`, `sortBy`… */
  what: string;
  scimType: ScimType;
  /** Whether `attr[filter]` is allowed (PATCH paths; filters bring their own). */
  valueFilter?: boolean;
  /** Whether a bare extension URN (the whole extension object) is a valid path. */
  wholeSchema?: boolean;
}

/**
 * Checks an attribute path (RFC 7644 3.10; 3.5.2 for `attr[filter].sub`) against the catalog;
 * a 400 of `options.scimType` naming the path when it is too long, malformed or undeclared.
 */
export function checkAttrPath(catalog: Catalog, path: string, options: PathOptions): void {
  const { what, scimType } = options;
  if (path.length > LIMITS.pathLength) {
    refuse(scimType, `${what} is ${path.length} characters: the limit pathLength is ${LIMITS.pathLength}.`);
  }
  const { schema, rest, qualified } = splitUrn(catalog, path, what, scimType);
  if (rest === '') {
    if (options.wholeSchema && qualified) return;
    refuse(scimType, `${what} '${path}' names no attribute.`);
  }
  const m = /^([^.[\]]+)(?:\[(.*)\])?(?:\.([^.[\]]+))?$/s.exec(rest);
  if (!m) refuse(scimType, `${what} '${path}' is not an attribute path.`);
  const [, name, filter, sub] = m;
  checkName(name!, path, what, scimType);
  if (sub !== undefined) checkName(sub, path, what, scimType);
  const attr = findTop(catalog, schema, qualified, name!);
  if (!attr)
    refuse(scimType, `${what} '${path}': '${name}' is not an attribute of this ${catalog.resource}.`);
  const subs = attr.subAttributes as Attribute[] | undefined;
  if (sub !== undefined && !byName(subs, sub)) {
    refuse(scimType, `${what} '${path}': '${sub}' is not a sub-attribute of '${attr.name as string}'.`);
  }
  if (filter !== undefined) {
    if (!options.valueFilter || !subs) refuse(scimType, `${what} '${path}' cannot have a value filter here.`);
    const ast = parseFilter(filter, scimType);
    walkFilter(ast, 1, (attrPath) => {
      checkName(attrPath, path, what, scimType);
      if (!byName(subs, attrPath)) {
        refuse(
          scimType,
          `${what} '${path}': '${attrPath}' is not a sub-attribute of '${attr.name as string}'.`,
        );
      }
    });
  }
}

/** Parses a filter within the length and nesting limits. */
function parseFilter(filter: string, scimType: ScimType): Filter {
  if (filter.length > LIMITS.filterLength) {
    refuse(
      scimType,
      `The filter is ${filter.length} characters: the limit filterLength is ${LIMITS.filterLength}.`,
    );
  }
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === ')' || c === ']') depth--;
  }
  if (deepest > LIMITS.filterDepth) {
    refuse(scimType, `The filter nests ${deepest} deep: the limit filterDepth is ${LIMITS.filterDepth}.`);
  }
  try {
    return parse(filter);
  } catch (e) {
    return refuse(scimType, `The filter cannot be parsed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Calls `visit` with each attribute path a filter compares, within the term and depth limits. */
function walkFilter(ast: Filter, depth: number, visit: (attrPath: string) => void): void {
  let terms = 0;
  const walk = (f: Filter, d: number, prefix: string): void => {
    if (d > LIMITS.filterDepth) {
      refuse('invalidFilter', `The filter nests ${d} deep: the limit filterDepth is ${LIMITS.filterDepth}.`);
    }
    switch (f.op) {
      case 'and':
      case 'or':
        for (const x of (f as { filters: Filter[] }).filters) walk(x, d + 1, prefix);
        return;
      case 'not':
        return walk((f as { filter: Filter }).filter, d + 1, prefix);
      case '[]': {
        const vp = f as { attrPath: string; valFilter: Filter };
        visit(prefix + vp.attrPath);
        return walk(vp.valFilter, d + 1, `${prefix}${vp.attrPath}.`);
      }
      default:
        if (++terms > LIMITS.filterTerms) {
          refuse(
            'invalidFilter',
            `The filter has more than ${LIMITS.filterTerms} comparisons (limit filterTerms).`,
          );
        }
        visit(prefix + (f as { attrPath: string }).attrPath);
    }
  };
  walk(ast, depth, '');
}

/** Parses a list filter and checks every attribute it compares; a 400 invalidFilter otherwise. */
export function checkFilter(catalog: Catalog, filter: string): Filter {
  const ast = parseFilter(filter, 'invalidFilter');
  walkFilter(ast, 1, (attrPath) =>
    checkAttrPath(catalog, attrPath, { what: 'The filter attribute', scimType: 'invalidFilter' }),
  );
  return ast;
}

/** Checks `attributes` and `excludedAttributes` (RFC 7644 3.4.2.5): count and every name. */
export function checkAttributeLists(catalog: Catalog, lists: Record<string, readonly string[]>): void {
  const total = Object.values(lists).reduce((n, l) => n + l.length, 0);
  if (total > LIMITS.attributeNames) {
    refuse('invalidValue', `${total} attribute names: the limit attributeNames is ${LIMITS.attributeNames}.`);
  }
  for (const [param, list] of Object.entries(lists)) {
    for (const name of list) {
      checkAttrPath(catalog, name, { what: `'${param}' entry`, scimType: 'invalidValue', wholeSchema: true });
    }
  }
}

/**
 * Checks PATCH operations (RFC 7644 3.5.2) before they reach scim-patch: their number, every
 * path, and the attribute names of a value given without a path.
 */
export function checkPatchOperations(
  catalog: Catalog,
  ops: readonly { op: string; path?: string; value?: unknown }[],
): void {
  if (ops.length > LIMITS.patchOperations) {
    refuse(
      'invalidValue',
      `${ops.length} PATCH operations: the limit patchOperations is ${LIMITS.patchOperations}.`,
    );
  }
  for (const op of ops) {
    if (op.path !== undefined) {
      checkAttrPath(catalog, op.path, {
        what: 'PATCH path',
        scimType: 'invalidPath',
        valueFilter: true,
        wholeSchema: true,
      });
      continue;
    }
    if (typeof op.value !== 'object' || op.value === null || Array.isArray(op.value)) {
      refuse('invalidValue', `A PATCH '${op.op}' without a path needs an object value.`);
    }
    for (const [key, v] of Object.entries(op.value)) {
      checkAttrPath(catalog, key, { what: 'PATCH value key', scimType: 'invalidPath', wholeSchema: true });
      if (/^urn:/i.test(key) && typeof v === 'object' && v !== null && !Array.isArray(v)) {
        for (const inner of Object.keys(v)) {
          checkAttrPath(catalog, `${key}:${inner}`, { what: 'PATCH value key', scimType: 'invalidPath' });
        }
      }
    }
  }
}
