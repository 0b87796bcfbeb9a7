import { ScimError } from '../../scim/ScimError';

/**
 * PostgreSQL error classes that only a client's data can cause and that no check caught
 * (a backstop: each has its own check before the database): data exceptions (class 22: bad
 * encoding, out-of-range dates, too long values) and program limits (54: an index row too large).
 * https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
function isClientDataError(code: string): boolean {
  return code.startsWith('22') || code === '54000';
}

/**
 * Any error as the SCIM error a client gets (RFC 7644 3.12). Client mistakes keep their 4xx;
 * anything else is a 500 that carries only the request id, never the cause.
 */
export function toScimError(err: unknown, requestId?: string): ScimError {
  if (err instanceof ScimError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ScimError(413, 'The request body is too large.', 'tooMany');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ScimError(415, 'Send the body as application/scim+json or application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ScimError(400, 'The request body is empty.', 'invalidSyntax');
    case 'FST_ERR_VALIDATION':
      return new ScimError(400, e.message ?? 'Invalid request.', 'invalidValue');
    case '23505':
      return new ScimError(409, 'A value that must be unique is already taken.', 'uniqueness');
  }
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && isClientDataError(e.code)) {
    return new ScimError(
      400,
      'A value cannot be stored as it is (too long, out of range or not text).',
      'invalidValue',
    );
  }
  if (err instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ScimError(400, `The body is not valid JSON: ${e.message ?? ''}`.trim(), 'invalidSyntax');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new ScimError(e.statusCode, e.message ?? 'Bad request.');
  }
  return new ScimError(
    500,
    requestId ? `Internal server error (request ${requestId}).` : 'Internal server error.',
  );
}

/**
 * What a log line may say about a server fault: its kind, database error code and the stack's
 * frames, but not its message, which can quote the request's data (a query's parameters, a
 * value that failed to parse).
 */
export function faultOf(err: unknown): { type: string; code?: string; frames?: string } {
  const e = err as { name?: unknown; code?: unknown; stack?: unknown };
  const frames =
    typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 12)
          .join('\n')
      : undefined;
  return {
    type: typeof e.name === 'string' ? e.name : typeof err,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(frames ? { frames } : {}),
  };
}
