import { bulkCreate } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { RosterClient } from './RosterClient';

let h: Harness;
let t: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'client', userLimit: 5000 });
  await scim(h, t, 'POST', '/Bulk', bulkCreate('cl', 1234));
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

describe('RosterClient against the real server', () => {
  test('pulls every user, reads the profile and the versions', async () => {
    const client = new RosterClient({
      connection: { serverUrl: base, tenant: 'client' },
      token: t.token,
      locale: 'en',
    });
    const { profile, tenant } = await client.tenantProfile();
    expect(profile.id).toBe('eq');
    expect(tenant.passwordClasses).toBe(2);
    const users = await client.listUsers();
    expect(users).toHaveLength(1235);
    expect((await client.search('email', 'cl00123@')).map((u) => u.userName)).toEqual(['cl00123']);
    expect((await client.versions()).length).toBeGreaterThan(0);
    expect(await client.rosterAsOf(new Date('2000-01-01T00:00:00Z'))).toEqual([]);
  });
});
