import { z } from 'zod';
import { ROSTER_USER_EXTENSION, type Profile } from '../domain';
import { genericUserValues } from './genericUser';
import { extensionName } from './userResource';

/** A SCIM User as the client reads it: only what the roster needs, the rest passes through. */
export const ScimUser = z.looseObject({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().optional(),
  externalId: z.string().optional(),
  emails: z
    .array(z.looseObject({ value: z.string().optional(), primary: z.boolean().optional() }))
    .optional(),
  meta: z.looseObject({ version: z.string().optional() }).optional(),
  [ROSTER_USER_EXTENSION]: z.record(z.string(), z.unknown()).optional(),
});
export type ScimUser = z.infer<typeof ScimUser>;

/** What the server says about a user that decides which of its cells are locked. */
export interface UserFlags {
  directorySynced: boolean;
  selfRegistered: boolean;
  passwordIssuer: string;
}

/** The roster row values of a SCIM User: cell text per profile column (passwords never). */
export function scimUserValues(profile: Profile, user: ScimUser): Record<string, string> {
  if (profile.id === 'generic') return genericUserValues(profile, user);
  const ext = user[ROSTER_USER_EXTENSION] ?? {};
  const emails = user.emails ?? [];
  const values: Record<string, string> = {};
  for (const col of profile.columns) {
    if (col.writeOnly) continue;
    const name = extensionName(col);
    if (col.key === 'userName') values.userName = user.userName;
    else if (col.key === 'displayName') values.displayName = user.displayName ?? '';
    else if (col.key === 'email') values.email = (emails.find((e) => e.primary) ?? emails[0])?.value ?? '';
    else if (name) {
      const v = ext[name];
      values[col.key] = Array.isArray(v)
        ? v.map(String).join(' ')
        : v === undefined || v === null
          ? ''
          : String(v);
    }
  }
  return values;
}

/**
 * The attributes a pull from a Roster server asks for (RFC 7644 3.4.2.5 `attributes`): what
 * scimUserValues reads for the profile's columns, what scimUserFlags reads, and what the
 * baseline and the reconciliation of lost answers read (id, which always comes, meta.version,
 * externalId). Built from the same column switch as scimUserValues, so a column cannot be
 * read there without being asked for here (src/client/pullAttributes.server.test.ts).
 */
export function pullAttributes(profile: Profile): string[] {
  const ext = (name: string) => `${ROSTER_USER_EXTENSION}:${name}`;
  const out = new Set(['userName', 'externalId', 'meta.version']);
  for (const col of profile.columns) {
    if (col.writeOnly) continue;
    const name = extensionName(col);
    if (col.key === 'displayName') out.add('displayName');
    // The whole of emails: the primary one is picked by its `primary` flag.
    else if (col.key === 'email') out.add('emails');
    else if (name) out.add(ext(name));
  }
  for (const flag of ['directorySynced', 'selfRegistered', 'passwordIssuer']) out.add(ext(flag));
  return [...out];
}

export function scimUserFlags(user: ScimUser): UserFlags {
  const ext = user[ROSTER_USER_EXTENSION] ?? {};
  return {
    directorySynced: ext.directorySynced === true,
    selfRegistered: ext.selfRegistered === true,
    passwordIssuer: typeof ext.passwordIssuer === 'string' ? ext.passwordIssuer : 'none',
  };
}
