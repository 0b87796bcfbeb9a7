// What another SCIM 2.0 service offers (issue 19), read from its discovery endpoints
// (RFC 7644 4: /ServiceProviderConfig, /Schemas, /ResourceTypes), and the generic profile built
// from it. The pane shows only what the service offers.
import {
  CORE_USER_SCHEMA,
  genericProfile,
  ROSTER_USER_EXTENSION,
  type Profile,
  type ScimAttributeDef,
  type ScimSchemaDef,
  type UserResourceTypeDef,
} from '../domain';
import { ClientError } from './ClientError';

/** What the connected server offers; the pane hides the rest. */
export interface ServerFeatures {
  kind: 'roster' | 'scim';
  /** Roster-server-only functions. */
  asOf: boolean;
  mail: boolean;
  invitations: boolean;
  dryRun: boolean;
  tokens: boolean;
  /** From ServiceProviderConfig (RFC 7643 5). */
  bulk: boolean;
  etag: boolean;
  patch: boolean;
  filter: boolean;
  sort: boolean;
  paging: 'cursor' | 'index' | 'none';
  /** The filter compares strings case-exactly even where caseExact is false (probed). */
  caseExactFilter: boolean;
  /** User extension schemas the service lists for its User resource type. */
  extensions: readonly string[];
}

export const ROSTER_FEATURES: ServerFeatures = {
  kind: 'roster',
  asOf: true,
  mail: true,
  invitations: true,
  dryRun: true,
  tokens: true,
  bulk: true,
  etag: true,
  patch: true,
  filter: true,
  sort: true,
  paging: 'index',
  caseExactFilter: false,
  extensions: [ROSTER_USER_EXTENSION],
};

/** Before discovery: nothing but the SCIM core. */
export const UNKNOWN_SCIM_FEATURES: ServerFeatures = {
  ...ROSTER_FEATURES,
  kind: 'scim',
  asOf: false,
  mail: false,
  invitations: false,
  dryRun: false,
  tokens: false,
  extensions: [],
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A ListResponse's Resources, or a bare array (some services answer /Schemas with one). */
export function resourcesOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isObject(json) && Array.isArray(json.Resources)) return json.Resources;
  return [];
}

function attributeOf(v: unknown): ScimAttributeDef | undefined {
  if (!isObject(v) || typeof v.name !== 'string') return undefined;
  const str = (k: string) => (typeof v[k] === 'string' ? { [k]: v[k] } : {});
  const bool = (k: string) => (typeof v[k] === 'boolean' ? { [k]: v[k] } : {});
  const subs = Array.isArray(v.subAttributes)
    ? v.subAttributes.map(attributeOf).filter((a): a is ScimAttributeDef => a !== undefined)
    : undefined;
  return {
    name: v.name,
    ...str('type'),
    ...str('mutability'),
    ...str('returned'),
    ...str('uniqueness'),
    ...bool('multiValued'),
    ...bool('required'),
    ...bool('caseExact'),
    ...(Array.isArray(v.canonicalValues) ? { canonicalValues: v.canonicalValues } : {}),
    ...(subs ? { subAttributes: subs } : {}),
  };
}

/** The schemas of a /Schemas answer; entries without an id or attributes are left out. */
export function schemasOf(json: unknown): ScimSchemaDef[] {
  return resourcesOf(json).flatMap((s) => {
    if (!isObject(s) || typeof s.id !== 'string' || !Array.isArray(s.attributes)) return [];
    const attributes = s.attributes.map(attributeOf).filter((a): a is ScimAttributeDef => a !== undefined);
    return [{ id: s.id, ...(typeof s.name === 'string' ? { name: s.name } : {}), attributes }];
  });
}

/** The User resource type of a /ResourceTypes answer (by endpoint, name or core schema). */
export function userTypeOf(json: unknown): UserResourceTypeDef {
  const types = resourcesOf(json).filter(isObject);
  const t =
    types.find((r) => r.endpoint === '/Users') ??
    types.find((r) => r.name === 'User') ??
    types.find((r) => r.schema === CORE_USER_SCHEMA);
  if (!t) return { schema: CORE_USER_SCHEMA };
  const extensions = Array.isArray(t.schemaExtensions)
    ? t.schemaExtensions.flatMap((e) =>
        isObject(e) && typeof e.schema === 'string'
          ? [{ schema: e.schema, required: e.required === true }]
          : [],
      )
    : [];
  return { schema: typeof t.schema === 'string' ? t.schema : CORE_USER_SCHEMA, schemaExtensions: extensions };
}

export type Request = (method: string, path: string) => Promise<{ json: unknown }>;

/** What ServiceProviderConfig says, as features. */
export function featuresOf(config: Json, userType: UserResourceTypeDef): ServerFeatures {
  const supported = (k: string) => isObject(config[k]) && (config[k] as Json).supported === true;
  const pagination = isObject(config.pagination) ? config.pagination : {};
  return {
    ...UNKNOWN_SCIM_FEATURES,
    bulk: supported('bulk'),
    etag: supported('etag'),
    patch: supported('patch'),
    filter: supported('filter'),
    sort: supported('sort'),
    // RFC 9865 adds `pagination`; a service that predates it pages by index (RFC 7644 3.4.2.4).
    paging: pagination.cursor === true ? 'cursor' : pagination.index === false ? 'none' : 'index',
    extensions: (userType.schemaExtensions ?? []).map((e) => e.schema),
  };
}

/**
 * Reads /Schemas and /ResourceTypes and builds the generic profile. A service without them
 * (they are REQUIRED by RFC 7644 4, but some leave them out) gets the RFC 7643 minimum.
 */
export async function discoverProfile(
  request: Request,
): Promise<{ profile: Profile; userType: UserResourceTypeDef }> {
  const optional = async (path: string): Promise<unknown> => {
    try {
      return (await request('GET', path)).json;
    } catch (e) {
      if (e instanceof ClientError && (e.status === 404 || e.status === 501)) return undefined;
      throw e;
    }
  };
  const schemas = schemasOf(await optional('/scim/v2/Schemas'));
  const userType = userTypeOf(await optional('/scim/v2/ResourceTypes'));
  return { profile: genericProfile(schemas, userType), userType };
}

/** `User0` → `uSER0`: the same text in other cases, or undefined when it has no letters. */
function otherCase(s: string): string | undefined {
  const swapped = [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  return swapped === s ? undefined : swapped;
}

/**
 * Whether the filter compares case-exactly where RFC 7643 says it must not: userName is
 * caseExact false (RFC 7643 4.1.1), so `userName eq` in other cases must find the same user.
 * Probed on one user; undefined when there is no user with a letter in its name to probe.
 */
export async function probeCaseExactFilter(request: Request): Promise<boolean | undefined> {
  const first = resourcesOf((await request('GET', '/scim/v2/Users?count=1&attributes=userName')).json)[0];
  const userName = isObject(first) && typeof first.userName === 'string' ? first.userName : undefined;
  const swapped = userName !== undefined ? otherCase(userName) : undefined;
  if (swapped === undefined) return undefined;
  const params = new URLSearchParams({ filter: `userName eq ${JSON.stringify(swapped)}`, count: '1' });
  const found = (await request('GET', `/scim/v2/Users?${params}`)).json;
  return !(isObject(found) && typeof found.totalResults === 'number' && found.totalResults > 0);
}
