import type { Filter } from 'scim2-parse-filter';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../scim/constants';
import { LIMITS } from '../../scim/limits';
import { checkAttrPath, checkAttributeLists, checkFilter, type Catalog } from '../../scim/pathGuard';
import { listParam } from '../../scim/projection';
import { ScimError } from '../../scim/ScimError';

/**
 * List parameters (RFC 7644 3.4.2): 1-based startIndex, count capped at the page size; the
 * filter parsed, and every attribute name in it, in `attributes` and in `sortBy` checked
 * against the resource's catalog.
 */
export interface ListParams {
  filter?: Filter;
  startIndex: number;
  count: number;
  sortBy?: string;
  descending: boolean;
  attributes: string[];
  excludedAttributes: string[];
  /** RFC 9865: present (the empty string for the first page) when the client pages by cursor. */
  cursor?: string;
  /** With a cursor: the filter as sent, which the cursor is bound to. */
  filterText?: string;
}

/** Where a list offers cursor paging (RFC 9865): /Users only; elsewhere a cursor is refused. */
export interface ListOptions {
  defaultCount?: number;
  cursorPaging?: boolean;
}

/** A comma-separated list in a query string, or (POST .search, RFC 7644 3.4.3) a JSON array. */
const names = z.union([z.string(), z.array(z.string())]).optional();

const Query = z.object({
  filter: z.string().optional(),
  startIndex: z.coerce.number().int().optional(),
  count: z.coerce.number().int().optional(),
  sortBy: z.string().optional(),
  sortOrder: z.string().optional(),
  attributes: names,
  excludedAttributes: names,
  cursor: z.string().optional(),
});

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : listParam(v));

/**
 * Reads list parameters from a query string or a POST .search body (RFC 9865 Section 3: the
 * cursor in the body too); 400 naming what is wrong.
 */
export function listParams(raw: unknown, catalog: Catalog, options: ListOptions = {}): ListParams {
  const defaultCount = options.defaultCount ?? 100;
  // Counted before any parsing: a list of 100,000 names is refused without reading them.
  for (const key of ['attributes', 'excludedAttributes'] as const) {
    const list = (raw as Record<string, unknown> | undefined)?.[key];
    if (Array.isArray(list) && list.length > LIMITS.attributeNames) {
      throw new ScimError(
        400,
        `${list.length} names in '${key}': the limit attributeNames is ${LIMITS.attributeNames}.`,
        'invalidValue',
      );
    }
  }
  const q = Query.safeParse(raw ?? {});
  if (!q.success) {
    throw new ScimError(
      400,
      `List parameters: ${q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'invalidValue',
    );
  }
  const { filter, startIndex, count, sortBy, sortOrder, cursor } = q.data;
  if (cursor !== undefined) checkCursorUse(q.data, options.cursorPaging === true);
  if (sortOrder !== undefined && !/^(ascending|descending)$/i.test(sortOrder)) {
    throw new ScimError(400, "sortOrder must be 'ascending' or 'descending'.", 'invalidValue');
  }
  const attributes = asList(q.data.attributes);
  const excludedAttributes = asList(q.data.excludedAttributes);
  checkAttributeLists(catalog, { attributes, excludedAttributes });
  if (sortBy !== undefined) checkAttrPath(catalog, sortBy, { what: 'sortBy', scimType: 'invalidValue' });
  return {
    filter: filter?.trim() ? checkFilter(catalog, filter) : undefined,
    // RFC 7644 3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0.
    startIndex: Math.max(1, startIndex ?? 1),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count ?? defaultCount)),
    sortBy,
    descending: /^descending$/i.test(sortOrder ?? ''),
    attributes,
    excludedAttributes,
    ...(cursor !== undefined ? { cursor, filterText: filter?.trim() ?? '' } : {}),
  };
}

/**
 * A cursor where cursor paging is offered, on its own: with startIndex the client asks for both
 * methods at once (RFC 9865 Section 2.3: startIndex or cursor picks the method). With sortBy:
 * the keyset is the list's fixed order (created, id), so a sorted list pages by index (RFC 9865
 * Section 2.2 asks cursor pages to be sorted only where sorting applies; we say so rather than
 * return unsorted pages). A count below 1 is RFC 9865 Section 2.1's invalidCount.
 */
function checkCursorUse(q: z.infer<typeof Query>, offered: boolean): void {
  if (!offered)
    throw new ScimError(
      400,
      'Cursor paging (RFC 9865) is offered on /Users only: page by startIndex.',
      'invalidValue',
    );
  if (q.startIndex !== undefined)
    throw new ScimError(400, "Page by 'cursor' or by 'startIndex', not both.", 'invalidValue');
  if (q.sortBy !== undefined)
    throw new ScimError(
      400,
      "'sortBy' cannot be combined with 'cursor': cursor pages follow the creation order; page by startIndex to sort.",
      'invalidValue',
    );
  if (q.count !== undefined && q.count < 1)
    throw new ScimError(400, `With a cursor, count must be 1 to ${MAX_PAGE_SIZE}.`, 'invalidCount');
}
