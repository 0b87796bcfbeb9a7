/**
 * Seconds to wait from a Retry-After header (RFC 9110 10.2.3): a number of seconds, or an
 * HTTP date; undefined when absent or unreadable. A date in the past means "now" (0).
 */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
