import { redactUrl } from './logging';

describe('URLs as logs keep them', () => {
  const token = 'Qx7_pL2mZ9vK4wR8tY1uE6oI3aS5dF0gH2jK4lZ6xC8';
  test.each([
    [`/t/acme/register/${token}`, '/t/acme/register/[redacted]'],
    [`/t/acme/register/${token}/strength`, '/t/acme/register/[redacted]/strength'],
    // Even a short or malformed registration token is hidden: its place says what it is.
    ['/t/acme/register/abc', '/t/acme/register/[redacted]'],
    [`/t/acme/scim/v2/Users?access_token=rsa_${token}`, '/t/acme/scim/v2/Users?access_token=[redacted]'],
    [`/x?next=${token}&count=10`, '/x?next=[redacted]&count=10'],
    ['/x?password=hunter2', '/x?password=[redacted]'],
    [`/x/rss_${token}`, '/x/[redacted]'],
  ])('%s -> %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  test('ids, filters and words stay readable', () => {
    const id = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
    expect(redactUrl(`/t/acme/scim/v2/Users/${id}`)).toBe(`/t/acme/scim/v2/Users/${id}`);
    expect(redactUrl('/t/acme/scim/v2/Users?filter=userName%20eq%20%22x%22&count=5')).toBe(
      '/t/acme/scim/v2/Users?filter=userName%20eq%20%22x%22&count=5',
    );
  });
});
