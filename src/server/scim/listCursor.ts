import { createHash } from 'node:crypto';
import { ScimError } from '../../scim/ScimError';

/**
 * Cursor paging of /Users (RFC 9865): a cursor is the position of a row in the list's order
 * (created_at, id), "after" it for the next page or "before" it for the previous one.
 *
 * A cursor is opaque to clients (RFC 9865 Section 2) and made only of unreserved characters
 * (RFC 3986 2.3; base64url without padding). It names no row the caller could not read anyway:
 * the tenant, the filter and the caller's rights are applied again on every page (RFC 9865
 * Section 5, Confidentiality), so a forged cursor can only position a list the caller may read.
 * It is still validated strictly: a checksum over its contents, the tenant and the query it was
 * made for (RFC 9865 Section 2: later pages repeat the first request's parameters), every part's
 * shape, and its age. The key values reach SQL as bound parameters only.
 */
export interface CursorPosition {
  /** created_at in whole microseconds since the Unix epoch (PostgreSQL's precision), as text. */
  createdMicros: string;
  id: string;
  /** 'next': rows after the position; 'previous': rows before it. */
  direction: 'next' | 'previous';
}

/**
 * RFC 9865 Section 4 `cursorTimeout`: how long a cursor stays valid. A keyset cursor holds no
 * server state, so this is generous: a pane that pauses between pages still finishes.
 */
export const CURSOR_TIMEOUT_SECONDS = 3600;

const VERSION = 1;
/** The checksum's length in bytes (base64url: 16 characters). */
const SUM_BYTES = 12;
/** A cursor this server makes is ~120 characters; anything far longer is not one. */
const MAX_CURSOR_LENGTH = 512;

/** What a cursor is bound to: the tenant and the parameters that decide the list's rows. */
export interface CursorScope {
  tenantId: number;
  filter: string;
}

const sumOf = (body: string, scope: CursorScope) =>
  createHash('sha256')
    .update(`${VERSION}\n${scope.tenantId}\n${scope.filter}\n${body}`)
    .digest()
    .subarray(0, SUM_BYTES)
    .toString('base64url');

export function encodeCursor(position: CursorPosition, scope: CursorScope, now: Date): string {
  const body = Buffer.from(
    JSON.stringify([
      VERSION,
      position.direction === 'next' ? 'n' : 'p',
      position.createdMicros,
      position.id,
      Math.floor(now.getTime() / 1000),
    ]),
  ).toString('base64url');
  return `${body}.${sumOf(body, scope)}`;
}

/** RFC 9865 Section 2.1: a cursor this server did not make for this query is `invalidCursor`. */
const invalid = (why: string) =>
  new ScimError(
    400,
    `The cursor is not valid (${why}): start again with an empty cursor and follow nextCursor.`,
    'invalidCursor',
  );

/**
 * The position a cursor names, or undefined for the empty cursor (the first page, RFC 9865
 * Section 2). 400 invalidCursor for anything this server did not make for this query;
 * 400 expiredCursor past CURSOR_TIMEOUT_SECONDS (RFC 9865 Section 2.1).
 */
export function decodeCursor(cursor: string, scope: CursorScope, now: Date): CursorPosition | undefined {
  if (cursor === '') return undefined;
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(cursor))
    throw invalid('not a cursor of this server');
  const [body, sum] = cursor.split('.') as [string, string];
  if (sum !== sumOf(body, scope)) throw invalid('changed, or made for another query');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid('unreadable');
  }
  if (!Array.isArray(parts) || parts.length !== 5) throw invalid('unreadable');
  const [version, direction, createdMicros, id, issued] = parts as unknown[];
  if (
    version !== VERSION ||
    (direction !== 'n' && direction !== 'p') ||
    typeof createdMicros !== 'string' ||
    !/^-?\d{1,19}$/.test(createdMicros) ||
    typeof id !== 'string' ||
    id.length === 0 ||
    id.length > 256 ||
    typeof issued !== 'number' ||
    !Number.isSafeInteger(issued)
  )
    throw invalid('unreadable');
  const age = now.getTime() / 1000 - issued;
  // A cursor from the future (beyond clock skew between servers) was not made here.
  if (age < -300) throw invalid('not a cursor of this server');
  if (age > CURSOR_TIMEOUT_SECONDS)
    throw new ScimError(
      400,
      `The cursor has expired: pages must follow within ${CURSOR_TIMEOUT_SECONDS} s (cursorTimeout). Start again with an empty cursor.`,
      'expiredCursor',
    );
  return { createdMicros, id, direction: direction === 'n' ? 'next' : 'previous' };
}
