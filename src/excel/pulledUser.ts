import type { Profile } from '../domain';
import { scimUserFlags, scimUserValues, type ScimUser } from '../scim/userValues';
import type { PulledUser } from './sheetLayout';

/** A SCIM user as a sheet row and baseline entry. */
export function pulledUser(profile: Profile, u: ScimUser): PulledUser {
  const f = scimUserFlags(u);
  return {
    id: u.id,
    version: u.meta?.version ?? '',
    values: scimUserValues(profile, u),
    flags: { directorySynced: f.directorySynced, selfRegistered: f.selfRegistered },
  };
}
