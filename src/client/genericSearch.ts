import type { ScimUser } from '../scim/userValues';
import type { RosterClient, SearchField } from './RosterClient';
import { probeCaseExactFilter } from './scimDiscovery';

/** Clients whose service's filter was probed for case (at discovery or a first search). */
export const probed = new WeakSet<RosterClient>();

/**
 * Search on another service: `co` as RFC 7644 3.4.2.2 has it, but where its filter compares
 * case-exactly (or it has no filter), every user is read and matched here, ignoring case, as
 * displayName and emails are caseExact false (RFC 7643 4.1.1, 4.1.2).
 */
export async function genericSearch(
  client: RosterClient,
  field: SearchField,
  text: string,
): Promise<ScimUser[]> {
  const config = await client.serviceProviderConfig();
  if (config.filter?.supported && !probed.has(client)) {
    const caseExact = await probeCaseExactFilter((m, p) => client.request(m, p));
    client.features = { ...client.features, caseExactFilter: caseExact ?? false };
    probed.add(client);
  }
  const path = field === 'email' ? 'emails.value' : 'displayName';
  if (config.filter?.supported && !client.features.caseExactFilter)
    return client.listUsers(`${path} co ${JSON.stringify(text)}`);
  const wanted = text.toLowerCase();
  const values = (u: ScimUser) =>
    field === 'email' ? (u.emails ?? []).map((e) => e.value ?? '') : [u.displayName ?? ''];
  return (await client.listUsers()).filter((u) => values(u).some((v) => v.toLowerCase().includes(wanted)));
}
