import { SCHEMA_LIST } from './constants';

/** An RFC 7644 3.4.2 ListResponse; `extra` adds members such as the roster's `asOf`. */
export function listResponse(
  resources: readonly unknown[],
  page: { totalResults?: number; startIndex?: number } = {},
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: [SCHEMA_LIST],
    totalResults: page.totalResults ?? resources.length,
    startIndex: page.startIndex ?? 1,
    itemsPerPage: resources.length,
    ...extra,
    Resources: resources,
  };
}
