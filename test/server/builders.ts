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

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** A Bulk request creating `n` valid eq users named `${prefix}00001`… */
export function bulkCreate(prefix: string, n: number, from = 0) {
  return {
    schemas: [BULK_REQUEST],
    Operations: Array.from({ length: n }, (_, i) => {
      const name = `${prefix}${String(from + i).padStart(5, '0')}`;
      return { method: 'POST', path: '/Users', bulkId: name, data: eqUser(name) };
    }),
  };
}
