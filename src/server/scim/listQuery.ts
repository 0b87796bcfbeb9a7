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
});

const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : listParam(v));

/** Reads list parameters from a query string or a POST .search body; 400 naming what is wrong. */
export function listParams(raw: unknown, catalog: Catalog, defaultCount = 100): ListParams {
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
  const { filter, startIndex, count, sortBy, sortOrder } = q.data;
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
  };
}
