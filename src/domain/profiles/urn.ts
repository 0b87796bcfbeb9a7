/** SCIM schema URN of Roster Sheet's user extension (role, remarks, status, memberNumber, …). */
export const ROSTER_USER_EXTENSION = 'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User';

/** The SCIM path of an attribute of the extension. */
export const ext = (name: string): string => `${ROSTER_USER_EXTENSION}:${name}`;
