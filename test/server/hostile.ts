import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';

/**
 * Generators of hostile input for the server's fuzz suite: the strings, JSON, paths and
 * requests an attacker (or a broken client) sends. Built from what was seen to hurt the server
 * (issue "Hostile input never hurts the server"): prototype keys, NUL, lone surrogates, huge
 * lengths, dates outside every range, deep nesting, bad percent-encoding.
 */

const POISON = ['__proto__', 'constructor', 'prototype', '__proto__.where', 'constructor.prototype.x'];

/** Strings that have broken parsers, databases and path walkers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...POISON,
      '\u0000',
      'a\u0000b',
      '\ud800',
      'x\udfffy',
      '',
      ' ',
      '%zz',
      '%00',
      '%ud800',
      '..',
      '../../etc/passwd',
      '=HYPERLINK("http://x")',
      '+81 90',
      '-1',
      '1e309',
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '-271821-04-20T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      'NaN',
      'true',
      'null',
      '"',
      '\\',
      '((((((((((',
      ')]}',
      'userName eq "x") or (1 eq 1',
      '１２３４',
      '\u202e',
      '\ufeff',
      '😀'.repeat(300),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 70_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 60_000 }).map((n) => Array(n).fill('a').join('.')) },
);

/** Attribute paths: real ones, qualified, filtered, and hostile. */
export const hostilePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'userName',
    'displayName',
    'emails',
    'emails[type eq "work"].value',
    'emails[value co "@"]',
    'name.givenName',
    'active',
    'externalId',
    'members',
    'members[value eq "x"]',
    'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User:role',
    'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User',
    'urn:ietf:params:scim:schemas:core:2.0:User:userName',
    'meta.lastModified',
    'groups',
    'password',
    ...POISON.map((p) => `emails.${p}`),
    'urn:ietf:params:scim:schemas:core:2.0:User:__proto__',
    'emails[__proto__ eq 1].value',
  ),
  hostileString,
);

/** JSON values with hostile keys and strings, a few levels deep. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, hostilePath), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A JSON text; some with keys no JavaScript literal can express, nesting or bad escapes. */
export const hostileJson = (structured: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: structured.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 1,
      arbitrary: structured.map((v) =>
        JSON.stringify({ wrap: v }).replace('{"wrap"', '{"__proto__":{"polluted":true},"wrap"'),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"userName":"\\ud800"}',
        '{"userName":"a\\u0000b"}',
        '{"schemas":[',
        '',
        'null',
        '[]',
        '"x"',
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 33, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  );

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const EXT = 'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User';

const patchOp = fc.record(
  {
    op: fc.oneof(fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove'), hostileString),
    path: hostilePath,
    value: hostileValue,
  },
  { requiredKeys: ['op'] },
);
const patchBody = fc.record({
  schemas: fc.constant([PATCH]),
  Operations: fc.array(patchOp, { minLength: 1, maxLength: 4 }),
});
const userBody = fc.record(
  {
    schemas: fc.oneof(fc.constant([USER, EXT]), fc.array(hostileString, { maxLength: 2 })),
    userName: fc.oneof(fc.stringMatching(/^[a-z0-9]{4,12}$/), hostileString),
    displayName: hostileString,
    externalId: fc.oneof(hostileString, fc.constant(null)),
    emails: fc.oneof(
      fc.array(fc.record({ value: hostileString, primary: fc.boolean() }), { maxLength: 2 }),
      hostileValue,
    ),
    name: hostileValue,
    active: hostileValue,
    [EXT]: fc.dictionary(
      fc.oneof(fc.constantFrom('role', 'canComment', 'remarks', 'status', 'groupIds'), hostileString),
      hostileValue,
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: ['schemas'] },
);
const filter: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      hostilePath,
      fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'),
      hostileString,
    )
    .map(([p, op, v]) => (op === 'pr' ? `${p} pr` : `${p} ${op} ${JSON.stringify(v)}`)),
  fc.constantFrom(
    'meta.lastModified gt "+275760-09-13T00:00:00Z"',
    'meta.created lt "0000-01-01T00:00:00Z"',
    `${'('.repeat(5000)}userName eq "x"${')'.repeat(5000)}`,
    Array.from({ length: 2000 }, (_, i) => `userName eq "u${i}"`).join(' or '),
    'not (not (not (userName pr)))',
  ),
  hostileString,
);

/** A request body for a route: shaped like what the route expects, with hostile parts. */
function bodyFor(method: string, url: string, ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (/\/Bulk$/.test(url)) {
    const op = fc.record(
      {
        method: fc.oneof(fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'), hostileString),
        path: fc.oneof(
          fc.constant('/Users'),
          ids.map((id) => `/Users/${id}`),
          ids.map((id) => `/Groups/${id}`),
          hostileString,
          fc.constantFrom('/Users/%zz', '/Users/bulkId:nope'),
        ),
        bulkId: hostileString,
        data: fc.oneof(patchBody, userBody, hostileValue),
      },
      { requiredKeys: ['method', 'path'] },
    );
    return hostileJson(
      fc.record({
        schemas: fc.constant([BULK]),
        failOnErrors: fc.oneof(fc.integer(), hostileValue),
        Operations: fc.array(op, { maxLength: 5 }),
      }),
    );
  }
  if (method === 'PATCH') return hostileJson(patchBody);
  if (/\.search$/.test(url)) {
    return hostileJson(
      fc.record({
        filter,
        attributes: fc.oneof(fc.array(hostilePath, { maxLength: 5 }), hostileString),
        sortBy: hostilePath,
        startIndex: hostileValue,
        count: hostileValue,
        cursor: hostileValue,
      }),
    );
  }
  if (/\/session$/.test(url)) {
    return hostileJson(fc.record({ userName: hostileValue, password: hostileValue }));
  }
  if (/register/.test(url)) {
    return fc.oneof(
      fc
        .record({ password: hostileString, confirm: hostileString, csrf: hostileString })
        .map((f) => new URLSearchParams(f).toString()),
      hostileJson(fc.record({ password: hostileValue, displayName: hostileValue })),
    );
  }
  return hostileJson(fc.oneof(userBody, hostileValue));
}

export interface RouteSpec {
  method: string;
  url: string;
}

/** Every route the app has, read from Fastify's own route tree (so new routes are fuzzed too). */
export function routesOf(app: FastifyInstance): RouteSpec[] {
  const out: RouteSpec[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    // Segments are literal continuations of their parent's path (`/` then `healthz`).
    const m = /^([\s│├└─]*?)([^\s│├└─]\S*)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = Math.floor(m[1]!.length / 4);
    stack.length = depth;
    stack[depth] = m[2]!;
    if (!m[3]) continue;
    const url = stack.join('');
    for (const method of m[3].split(', '))
      if (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) out.push({ method, url });
  }
  return out;
}

/** The text with lone surrogates replaced, which encodeURIComponent refuses to encode. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDFFF]/gu, '\ufffd');

/** Percent-encodes a path segment, or leaves it raw (bad encodings are the point). */
const segment = (s: fc.Arbitrary<string>) =>
  fc.oneof(
    s.map((v) => encodeURIComponent(wellFormed(v)).slice(0, 4000)),
    fc.constantFrom('%zz', '%00', '%ud800', '%E0%A4%A', 'a%2Fb'),
  );

export interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/**
 * A hostile request to one of `routes`: params from `tenants`/`ids` or hostile, a hostile
 * query, a hostile body, and a valid, foreign or bogus token.
 */
export function hostileRequest(
  routes: readonly RouteSpec[],
  tenants: readonly { slug: string; tokens: readonly string[] }[],
  ids: fc.Arbitrary<string>,
): fc.Arbitrary<HostileRequest> {
  // Mostly a tenant with one of its own tokens and a JSON body, so requests get past
  // authentication and parsing to the code that handles them; sometimes a foreign or bogus
  // token, a hostile tenant, another content type.
  const slugs = tenants.map((t) => t.slug);
  const allTokens = tenants.flatMap((t) => t.tokens);
  const tenantAndToken = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom(...tenants)
        .chain((t) => fc.constantFrom(...t.tokens).map((token) => ({ tenant: t.slug, token }))),
    },
    {
      weight: 1,
      arbitrary: fc.record({ tenant: fc.constantFrom(...slugs), token: fc.constantFrom(...allTokens) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        tenant: fc.oneof(fc.constantFrom(...slugs), segment(hostileString)),
        token: fc.oneof(fc.constantFrom(...allTokens), hostileString),
      }),
    },
  );
  return fc
    .record({
      route: fc.constantFrom(...routes),
      auth: tenantAndToken,
      id: fc.oneof({ weight: 3, arbitrary: ids }, { weight: 1, arbitrary: segment(hostileString) }),
      query: fc.dictionary(
        fc.constantFrom(
          'filter',
          'attributes',
          'excludedAttributes',
          'sortBy',
          'sortOrder',
          'startIndex',
          'count',
          'cursor',
          'asOf',
          'dryRun',
          'sendMail',
          '__proto__',
        ),
        fc.oneof(filter, hostilePath, hostileString),
        { maxKeys: 3 },
      ),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('application/scim+json', 'application/json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'application/x-www-form-urlencoded',
            'text/plain',
            'application/octet-stream',
          ),
        },
      ),
    })
    .chain(({ route, auth: { tenant, token }, id, query, contentType }) => {
      const path = route.url
        .replace(':tenant', tenant)
        .replace(/:(id|token)/, id)
        .replace('*', id);
      const qs = Object.entries(query)
        .map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(v)).slice(0, 12_000)}`)
        .join('&');
      const url = qs ? `${path}?${qs}` : path;
      const headers: Record<string, string> = {
        authorization: `Bearer ${token.replace(/[^\x20-\x7e]/g, '')}`,
        'content-type': contentType,
      };
      if (route.method === 'GET' || route.method === 'DELETE') {
        return fc.constant<HostileRequest>({ method: route.method, url, headers });
      }
      return bodyFor(route.method, route.url, ids).map((payload) => {
        // The registration form posts form data; everything else (its meter too) JSON.
        const form = /register\/[^/]+$/.test(route.url) && !payload.startsWith('{');
        return {
          method: route.method,
          url,
          headers:
            form && contentType.endsWith('json')
              ? { ...headers, 'content-type': 'application/x-www-form-urlencoded' }
              : headers,
          payload,
        };
      });
    });
}
