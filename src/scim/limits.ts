/**
 * The bounds on one request's work, checked before any work starts (docs/SECURITY.md lists them
 * with their reasons). Each refusal is a 400 whose detail names the limit.
 */
export const LIMITS = {
  /** Nesting of arrays and objects in a JSON body (a SCIM User is 4 deep; Bulk adds 3). */
  jsonDepth: 32,
  /** Characters of any one string in a JSON body: Excel's cell limit, the longest remark. */
  jsonString: 32_767,
  /** Characters of a filter. 50 `externalId eq "<uuid>"` terms, as the add-in sends, are ~2,800. */
  filterLength: 10_000,
  /** Comparisons in one filter. */
  filterTerms: 200,
  /** Nesting of parentheses, `not` and `[...]` in a filter. */
  filterDepth: 16,
  /** Names in `attributes` plus `excludedAttributes`. */
  attributeNames: 100,
  /** Characters of an attribute path (PATCH `path`, a filter attribute, `sortBy`). */
  pathLength: 512,
  /** Operations in one PATCH request. */
  patchOperations: 1000,
  /**
   * Characters of a text kept in a unique index (userName, externalId, email, group name).
   * PostgreSQL's btree index row is at most 2,704 bytes; 512 UTF-8 characters take at most 2,048.
   */
  indexedText: 512,
  /** Characters of other short text (display name, name parts, extension values but remarks). */
  shortText: 1024,
  /** Characters of a password (seed 004: 8–128); also what the strength meter scores. */
  password: 128,
  /** Characters of a resource id or tenant slug in a URL. */
  idLength: 128,
  /**
   * Bytes of a `.search` body (RFC 7644 3.4.3): a filter of 10,000 characters and 100
   * attribute names fit many times over; a larger body is refused (413) before it is parsed.
   */
  searchBody: 64 * 1024,
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * Whether a date-time is one every database here can store and compare: years 0001–9999
 * (PostgreSQL has no year 0 and refuses timestamps that JavaScript accepts, like +275760).
 */
export function isStorableDate(d: Date): boolean {
  const year = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && year >= 1 && year <= 9999;
}
