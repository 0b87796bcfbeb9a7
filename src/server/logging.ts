import type { FastifyRequest } from 'fastify';

/**
 * A path segment or query value that looks like a secret: a registration, session or API
 * token (base64url, 32+ characters) or anything long and random-looking. UUIDs (user ids)
 * and plain words stay readable.
 */
const TOKEN_LIKE = /^(?:rs[sa]_)?[A-Za-z0-9_-]{32,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Query parameters whose values are secrets whatever they look like. */
const SECRET_PARAMS = /^(?:access_?token|token|password|secret|key|code|csrf)$/i;
const HIDDEN = '[redacted]';

function tokenLike(text: string): boolean {
  return TOKEN_LIKE.test(text) && !UUID.test(text) && /[0-9]/.test(text) && /[A-Za-z]/.test(text);
}

/**
 * The URL as logs may keep it: the registration token (/register/<token>) and any other
 * token-like path segment or query value replaced by `[redacted]`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const segments = path.split('/');
  const safePath = segments
    .map((s, i) => {
      const decoded = (() => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      })();
      return segments[i - 1] === 'register' || tokenLike(decoded) ? HIDDEN : s;
    })
    .join('/');
  if (q < 0) return safePath;
  const params = new URLSearchParams(url.slice(q + 1));
  const parts: string[] = [];
  for (const [k, v] of params) {
    const hide = SECRET_PARAMS.test(k) || tokenLike(v) || v.split(/[\s,]+/).some(tokenLike);
    parts.push(`${encodeURIComponent(k)}=${hide ? HIDDEN : encodeURIComponent(v)}`);
  }
  return `${safePath}?${parts.join('&')}`;
}

/** What a request log line says of the request: never a token from its URL, never its body. */
export function safeRequest(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.ip,
  };
}

/** An error as logs keep it (the shape pino's error serializer returns). */
export interface SafeError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

/**
 * What an error log line says of an error: its kind, message, codes and stack, and nothing
 * else. Database errors carry the failing statement's parameters (PGlite's `params`) and
 * the offending row (PostgreSQL's `detail`): argon2 hashes, addresses, names; none is kept.
 */
export function safeError(err: unknown): SafeError {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err).slice(0, 300), stack: '' };
  const e = err as Error & { code?: unknown; statusCode?: unknown; status?: unknown };
  const out: SafeError = { type: e.name, message: e.message.slice(0, 500), stack: e.stack ?? '' };
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.statusCode === 'number') out.statusCode = e.statusCode;
  if (typeof e.status === 'number') out.status = e.status;
  return out;
}

/** Pino serializers for Fastify's logger (https://fastify.dev/docs/latest/Reference/Logging/). */
export const logSerializers = { req: safeRequest, err: safeError };
