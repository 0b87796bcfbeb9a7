import { ROSTER_USER_EXTENSION } from '../../src/domain';
import { SCHEMA_USER } from '../../src/scim/constants';

const EXT = ROSTER_USER_EXTENSION;

/** A valid eq user body for invitation (no password). */
export function eqUser(
  userName: string,
  over: Record<string, unknown> = {},
  ext: Record<string, unknown> = {},
) {
  return {
    schemas: [SCHEMA_USER, EXT],
    userName,
    displayName: `利用者${userName}`,
    emails: [{ value: `${userName}@example.jp`, type: 'work', primary: true }],
    [EXT]: { role: '0', canComment: '1', remarks: '', ...ext },
    ...over,
  };
}
