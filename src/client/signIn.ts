import { z } from 'zod';
import type { Locale } from '../domain';
import { ClientError, errorFromResponse } from './ClientError';

/** Where the add-in talks to: the server's origin and the tenant's slug. */
export interface Connection {
  serverUrl: string;
  tenant: string;
}

/** Any SCIM 2.0 service, by its base URL (RFC 7644 1.3: the URL its endpoints are relative to). */
export interface ScimConnection {
  scimUrl: string;
}

/**
 * A SCIM base URL, checked: http(s) only, no query or fragment, no trailing slash. Plain http
 * only to this machine (a bearer token must not cross a network in clear text).
 */
export function scimBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ClientError('network', `'${text}' is not a URL.`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local))
    throw new ClientError('network', `'${text}' is not an https URL.`);
  if (url.search || url.hash) throw new ClientError('network', `'${text}' has a query or fragment.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const SessionBody = z.object({
  token: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
  user: z.object({ id: z.string(), userName: z.string(), displayName: z.string() }),
  tenant: z.object({ slug: z.string(), name: z.string(), profile: z.enum(['eq', 'jairo']) }),
});

export type Session = z.infer<typeof SessionBody>;

/** The tenant's base URL: `<server>/t/<tenant>`, checked so a typo gives a clear error. */
export function tenantUrl(c: Connection): string {
  let url: URL;
  try {
    url = new URL(c.serverUrl);
  } catch {
    throw new ClientError('network', `'${c.serverUrl}' is not a URL.`);
  }
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(c.tenant))
    throw new ClientError('network', `'${c.tenant}' is not a tenant name.`);
  return `${url.origin}${url.pathname.replace(/\/$/, '')}/t/${c.tenant}`;
}

/** Signs an administrator in; the token lives in memory only, never in the workbook. */
export async function signIn(
  c: Connection,
  userName: string,
  password: string,
  locale: Locale,
  fetchFn: typeof fetch = fetch,
): Promise<Session> {
  let res: Response;
  try {
    res = await fetchFn(`${tenantUrl(c)}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify({ userName, password }),
    });
  } catch (e) {
    if (e instanceof ClientError) throw e;
    throw new ClientError(
      'network',
      `Cannot reach ${c.serverUrl}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!res.ok) throw await errorFromResponse(res);
  const body = SessionBody.safeParse(await res.json().catch(() => undefined));
  if (!body.success)
    throw new ClientError('invalidResponse', 'The server answered sign-in with an unexpected body.');
  return body.data;
}
