import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { ROSTER_USER_EXTENSION } from '../../domain';

/**
 * /Schemas must tell the truth (RFC 7643 7): each flag it advertises for a User attribute is
 * checked here against what the server does, per profile, so the two cannot drift apart.
 */
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Attr {
  name: string;
  type: string;
  required: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  caseExact: boolean;
  multiValued: boolean;
  referenceTypes?: string[];
  subAttributes?: Attr[];
}

let h: Harness;
const tenants: Record<string, TestTenant> = {};
beforeAll(async () => {
  h = await startHarness();
  tenants.eq = await h.tenant({ slug: 'truth-eq' });
  tenants.jairo = await h.tenant({ slug: 'truth-jairo', profile: 'jairo' });
});
afterAll(() => h.close());

/** A valid new user of the profile, with every attribute a test may drop or vary. */
function valid(profile: string, n: string): Record<string, unknown> {
  return {
    schemas: [USER, ROSTER_USER_EXTENSION],
    userName: profile === 'eq' ? `truth${n}` : `truth${n}@example.ac.jp`,
    displayName: `表示${n}`,
    emails: [{ value: `truth${n}@example.jp`, primary: true }],
    [ROSTER_USER_EXTENSION]: profile === 'eq' ? { role: '0', canComment: '1' } : { role: '教員' },
  };
}
const SAMPLE: Record<string, unknown> = {
  userName: 'sample',
  displayName: 'サンプル',
  nickName: 'sam',
  title: 'Engineer',
  userType: 'Employee',
  profileUrl: 'https://example.jp/sam',
  preferredLanguage: 'ja-JP',
  locale: 'ja-JP',
  timezone: 'Asia/Tokyo',
  externalId: 'ext-sample',
};

describe.each(['eq', 'jairo'])('%s: every flag of /Schemas holds', (profile) => {
  let schemas: { id: string; attributes: Attr[] }[];
  let core: Attr[];
  const t = () => tenants[profile]!;
  let n = 0;
  const next = () => `${profile}${++n}`;
  beforeAll(async () => {
    schemas = (await scim(h, t(), 'GET', '/Schemas')).json().Resources;
    core = schemas.find((s) => s.id === USER)!.attributes;
  });

  test('every reference names its referenceTypes; every complex attribute lists its sub-attributes', () => {
    const all = schemas.flatMap((s) => s.attributes.flatMap((a) => [a, ...(a.subAttributes ?? [])]));
    for (const a of all) {
      if (a.type === 'reference') expect(a.referenceTypes?.length).toBeGreaterThan(0);
      if (a.type === 'complex') expect(a.subAttributes?.length).toBeGreaterThan(0);
    }
  });

  test('required attributes: a new user without one is refused', async () => {
    const required = core.filter((a) => a.required);
    expect(required.map((a) => a.name)).toContain('displayName');
    for (const a of required) {
      const body = valid(profile, next());
      delete body[a.name];
      const res = await scim(h, t(), 'POST', '/Users', body);
      expect([a.name, res.statusCode]).toEqual([a.name, 400]);
    }
    // And an optional userName (eq: assigned by the server) may be left out.
    if (core.some((x) => !x.required && x.name === 'userName')) {
      const body = valid(profile, next());
      delete body.userName;
      expect((await scim(h, t(), 'POST', '/Users', body)).statusCode).toBe(201);
    }
  });

  test('readWrite simple attributes round-trip; immutable ones cannot change; writeOnly ones are never returned', async () => {
    const created = await scim(h, t(), 'POST', '/Users', valid(profile, next()));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    for (const a of core.filter((x) => x.type !== 'complex' && x.type !== 'boolean' && !x.multiValued)) {
      const value =
        a.name === 'userName' && profile === 'jairo'
          ? 'changed@example.ac.jp'
          : (SAMPLE[a.name] ?? 'Sample-1x');
      const res = await scim(h, t(), 'PATCH', `/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: a.name, value }],
      });
      if (a.mutability === 'readWrite') {
        expect([a.name, res.statusCode, res.json()[a.name]]).toEqual([a.name, 200, value]);
      } else if (a.mutability === 'immutable') {
        expect([a.name, res.statusCode]).toEqual([a.name, 400]);
      } else if (a.mutability === 'writeOnly') {
        expect([a.name, res.statusCode, a.returned]).toEqual([a.name, 200, 'never']);
        expect(res.json()).not.toHaveProperty(a.name);
      }
    }
  });

  test('readOnly extension attributes are ignored in requests (RFC 7643 2.2)', async () => {
    const ext = schemas.find((s) => s.id === ROSTER_USER_EXTENSION)!.attributes;
    const created = (await scim(h, t(), 'POST', '/Users', valid(profile, next()))).json();
    for (const a of ext.filter((x) => x.mutability === 'readOnly' && x.type === 'string')) {
      const res = await scim(h, t(), 'PATCH', `/Users/${created.id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: `${ROSTER_USER_EXTENSION}:${a.name}`, value: 'forged' }],
      });
      expect([a.name, res.statusCode]).toEqual([a.name, 200]);
      expect(res.json()[ROSTER_USER_EXTENSION][a.name]).not.toBe('forged');
    }
  });

  test('uniqueness server: a second user with the same value is 409; caseExact decides how filters compare', async () => {
    const first: Record<string, unknown> = { ...valid(profile, next()), externalId: `Ext-${profile}-${n}` };
    expect((await scim(h, t(), 'POST', '/Users', first)).statusCode).toBe(201);
    for (const a of core.filter((x) => x.uniqueness === 'server' && x.name !== 'emails')) {
      const copy = { ...valid(profile, next()), [a.name]: first[a.name] };
      const res = await scim(h, t(), 'POST', '/Users', copy);
      expect([a.name, res.statusCode]).toEqual([a.name, 409]);
    }
    for (const a of core.filter((x) => x.name === 'userName' || x.name === 'externalId')) {
      const value = first[a.name] as string;
      const found = await scim(
        h,
        t(),
        'GET',
        `/Users?filter=${encodeURIComponent(`${a.name} eq "${value.toUpperCase()}"`)}`,
      );
      expect([a.name, found.json().totalResults]).toEqual([a.name, a.caseExact ? 0 : 1]);
    }
  });

  test('what is not advertised is refused', async () => {
    const advertised = new Set(core.map((a) => a.name));
    if (!advertised.has('password')) {
      const res = await scim(h, t(), 'POST', '/Users', {
        ...valid(profile, next()),
        password: 'Secret-pass-123',
      });
      expect(res.statusCode).toBe(400);
    }
    const res = await scim(h, t(), 'POST', '/Users', { ...valid(profile, next()), favouriteColour: 'blue' });
    expect(res.statusCode).toBe(400);
  });
});
