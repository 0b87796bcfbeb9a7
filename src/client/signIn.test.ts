import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ClientError } from './ClientError';
import { signIn, tenantUrl } from './signIn';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const conn = { serverUrl: 'https://roster.example.jp', tenant: 'demo-eq' };

describe('signIn', () => {
  test('returns the session from a 201', async () => {
    server.use(
      http.post('https://roster.example.jp/t/demo-eq/api/session', async ({ request }) => {
        expect(await request.json()).toEqual({ userName: 'admin', password: 'pw' });
        expect(request.headers.get('accept-language')).toBe('ja');
        return HttpResponse.json(
          {
            token: 'rss_x',
            expiresAt: '2026-11-22T10:00:00.000Z',
            user: { id: 'u1', userName: 'admin', displayName: '管理者' },
            tenant: { slug: 'demo-eq', name: 'デモ', profile: 'eq' },
          },
          { status: 201 },
        );
      }),
    );
    const s = await signIn(conn, 'admin', 'pw', 'ja');
    expect(s.tenant.profile).toBe('eq');
    expect(s.token).toBe('rss_x');
  });

  test('a 401 becomes a typed error with the server detail', async () => {
    server.use(
      http.post('https://roster.example.jp/t/demo-eq/api/session', () =>
        HttpResponse.json(
          {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '401',
            detail: 'The user ID or password is wrong.',
          },
          { status: 401 },
        ),
      ),
    );
    await expect(signIn(conn, 'admin', 'bad', 'en')).rejects.toMatchObject({
      kind: 'http',
      status: 401,
      message: 'The user ID or password is wrong.',
    });
  });

  test('a 429 carries Retry-After', async () => {
    server.use(
      http.post('https://roster.example.jp/t/demo-eq/api/session', () =>
        HttpResponse.json(
          { status: '429', detail: 'Too many failed sign-ins' },
          { status: 429, headers: { 'Retry-After': '120' } },
        ),
      ),
    );
    await expect(signIn(conn, 'admin', 'bad', 'en')).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 120,
    });
  });

  test('an unreachable server is a network error; a strange body is invalidResponse', async () => {
    server.use(http.post('https://roster.example.jp/t/demo-eq/api/session', () => HttpResponse.error()));
    await expect(signIn(conn, 'a', 'b', 'en')).rejects.toMatchObject({ kind: 'network' });
    server.use(
      http.post('https://roster.example.jp/t/demo-eq/api/session', () =>
        HttpResponse.json({ ok: true }, { status: 201 }),
      ),
    );
    await expect(signIn(conn, 'a', 'b', 'en')).rejects.toBeInstanceOf(ClientError);
  });

  test('a bad server URL or tenant is refused before any request', () => {
    expect(() => tenantUrl({ serverUrl: 'roster', tenant: 'x1' })).toThrow(ClientError);
    expect(() => tenantUrl({ serverUrl: 'https://a.jp', tenant: '../admin' })).toThrow(ClientError);
    expect(tenantUrl({ serverUrl: 'https://a.jp/roster/', tenant: 'demo-eq' })).toBe(
      'https://a.jp/roster/t/demo-eq',
    );
  });
});
