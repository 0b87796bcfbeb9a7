import { z } from 'zod';
import { ClientError } from './ClientError';
import type { RosterClient } from './RosterClient';

const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  created: z.string(),
  expires: z.string().nullable(),
  lastUsed: z.string().nullable(),
  revoked: z.string().nullable(),
});
/** An API token as the server lists it (never the token itself). */
export type ApiToken = z.infer<typeof ApiToken>;
const NewApiToken = ApiToken.extend({ token: z.string() });
/** A token just made: the only time its value is known. */
export type NewApiToken = z.infer<typeof NewApiToken>;

function parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const r = schema.safeParse(json);
  if (!r.success) throw new ClientError('invalidResponse', `${what}: unexpected answer.`);
  return r.data;
}

/** The tenant's API tokens (for Entra ID, Okta…), newest first; a signed-in administrator only. */
export async function listApiTokens(client: RosterClient): Promise<ApiToken[]> {
  const { json } = await client.request('GET', '/api/tokens');
  return parse(z.object({ tokens: z.array(ApiToken) }), json, 'API tokens').tokens;
}

/** Makes a token; `expiresInDays` undefined: it never expires. */
export async function createApiToken(
  client: RosterClient,
  name: string,
  expiresInDays: number | undefined,
): Promise<NewApiToken> {
  const { json } = await client.request('POST', '/api/tokens', {
    name,
    ...(expiresInDays === undefined ? {} : { expiresInDays }),
  });
  return parse(NewApiToken, json, 'new API token');
}

/** Revokes a token at once. */
export async function revokeApiToken(client: RosterClient, id: string): Promise<void> {
  await client.request('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
}

/** Ends the session on the server (sign-out), so its token is worth nothing even if copied. */
export async function signOut(client: RosterClient): Promise<void> {
  await client.request('DELETE', '/api/session');
}
