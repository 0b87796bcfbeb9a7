import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../scim/constants';
import { ScimError } from '../../scim/ScimError';

/** List parameters (RFC 7644 3.4.2): 1-based startIndex, count capped at the page size. */
export interface ListParams {
  filter?: string;
  startIndex: number;
  count: number;
  sortBy?: string;
  descending: boolean;
  attributes: string;
  excludedAttributes: string;
}

const Query = z.object({
  filter: z.string().optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
  sortBy: z.string().optional(),
  sortOrder: z.string().optional(),
  attributes: z.string().optional(),
  excludedAttributes: z.string().optional(),
});

/** Reads list parameters from a query string or a POST .search body; 400 when malformed. */
export function listParams(raw: unknown, defaultCount = 100): ListParams {
  const q = Query.safeParse(raw ?? {});
  if (!q.success) throw new ScimError(400, 'startIndex and count must be integers.', 'invalidValue');
  const { filter, startIndex, count, sortBy, sortOrder, attributes, excludedAttributes } = q.data;
  if (sortOrder !== undefined && !/^(ascending|descending)$/i.test(sortOrder)) {
    throw new ScimError(400, "sortOrder must be 'ascending' or 'descending'.", 'invalidValue');
  }
  return {
    filter: filter?.trim() ? filter : undefined,
    // RFC 7644 3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
    startIndex: Math.max(1, startIndex ?? 1),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count ?? defaultCount)),
    sortBy,
    descending: /^descending$/i.test(sortOrder ?? ''),
    attributes: attributes ?? '',
    excludedAttributes: excludedAttributes ?? '',
  };
}
