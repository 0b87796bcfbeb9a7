import { startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { createApiToken, listApiTokens, revokeApiToken, signOut } from './apiTokens';
import { RosterClient } from './RosterClient';

jest.setTimeout(30_000);
let h: Harness;
let t: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'client-tokens' });
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

const clientWith = (token: string) =>
  new RosterClient({ connection: { serverUrl: base, tenant: 'client-tokens' }, token, locale: 'en' });

describe('API tokens from the add-in’s client, against the real server', () => {
  test('create, list, revoke; a revoked token is refused; sign-out ends the session', async () => {
    const admin = clientWith(t.token);
    const made = await createApiToken(admin, 'Entra ID', 90);
    expect(made.token).toMatch(/^rsa_/);
    expect(made.expires).not.toBeNull();
    const listed = await listApiTokens(admin);
    expect(listed.map((x) => x.name)).toContain('Entra ID');
    expect(JSON.stringify(listed)).not.toContain(made.token);
    const asToken = clientWith(made.token);
    expect((await asToken.serviceProviderConfig()).bulk?.supported).toBe(true);
    await expect(listApiTokens(asToken)).rejects.toThrow(/signed-in administrator/);
    await revokeApiToken(admin, made.id);
    await expect(clientWith(made.token).serviceProviderConfig()).rejects.toMatchObject({ status: 401 });
    await signOut(admin);
    await expect(listApiTokens(admin)).rejects.toMatchObject({ status: 401 });
  });
});
