import type { ScimUser } from '../scim/userValues';
import { ClientError } from './ClientError';

/** One page of a list: its users, the total the server counts, and its next cursor if any. */
export interface Page {
  total: number;
  resources: ScimUser[];
  nextCursor?: string;
}

export interface PagingOptions {
  /** Reads one page with these query parameters (the filter is the caller's). */
  get: (query: URLSearchParams) => Promise<Page>;
  count: number;
  /** Page by cursor (RFC 9865). */
  cursor: boolean;
  /** Another service (issue 19): guard against one that ignores startIndex or has no index paging. */
  fallbacks: boolean;
  /** RFC 9865 `pagination.index`: false when the service has no index paging. */
  indexPaging: boolean;
  extra?: Record<string, string>;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Every user of a list, page by page: by cursor where offered, else by index (RFC 7644
 * 3.4.2.4). For another service, a page of users already read means it ignores startIndex, and
 * without index paging the list is read in one request; either way a partial list is an error,
 * never shown as the whole roster.
 */
export async function pageThrough(o: PagingOptions): Promise<ScimUser[]> {
  const extra = o.extra ?? {};
  const users: ScimUser[] = [];
  if (o.cursor) {
    for (let cursor = ''; ;) {
      const page = await o.get(new URLSearchParams({ ...extra, cursor, count: String(o.count) }));
      users.push(...page.resources);
      o.onProgress?.(users.length, page.total);
      if (!page.nextCursor || page.resources.length === 0) return users;
      cursor = page.nextCursor;
    }
  }
  const whole = async () => {
    const { total, resources } = await o.get(new URLSearchParams(extra));
    const once = [...new Map(resources.map((u) => [u.id, u])).values()];
    o.onProgress?.(once.length, total);
    if (once.length < total)
      throw new ClientError(
        'invalidResponse',
        `The service returns ${once.length} of ${total} users at once and pages in no way the client can follow.`,
      );
    return once;
  };
  if (o.fallbacks && !o.indexPaging) return whole();
  const seen = new Set<string>();
  for (let startIndex = 1; ;) {
    const { total, resources } = await o.get(
      new URLSearchParams({ ...extra, startIndex: String(startIndex), count: String(o.count) }),
    );
    const fresh = o.fallbacks ? resources.filter((u) => !seen.has(u.id)) : resources;
    // A page of users already read: the service ignores startIndex. Read them all at once.
    if (o.fallbacks && resources.length > 0 && fresh.length === 0) return whole();
    for (const u of fresh) seen.add(u.id);
    users.push(...fresh);
    o.onProgress?.(users.length, total);
    // Stop at the total, or when a page comes back empty (a server that miscounts must not loop).
    if (users.length >= total || resources.length === 0) return users;
    startIndex += resources.length;
  }
}
