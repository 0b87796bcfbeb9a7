import { z } from 'zod';
import { SCHEMA_PROBLEMS } from '../scim/constants';
import { retryAfterSeconds } from './retryAfter';

/** What went wrong talking to the server, for the UI to explain. */
/** `timeout`: no answer in time, so the request may or may not have been applied. */
/** `unsupported`: the service does not offer this (another SCIM service has no Roster API). */
export type ClientErrorKind = 'network' | 'timeout' | 'http' | 'invalidResponse' | 'unsupported';

export interface ClientProblem {
  column: string;
  code: string;
  message: string;
}

/** Every failure of the client: never a bare TypeError or a swallowed response. */
export class ClientError extends Error {
  constructor(
    readonly kind: ClientErrorKind,
    message: string,
    readonly status?: number,
    readonly scimType?: string,
    readonly problems: readonly ClientProblem[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

const ErrorBody = z.looseObject({
  detail: z.string().optional(),
  scimType: z.string().optional(),
  [SCHEMA_PROBLEMS]: z
    .object({ problems: z.array(z.object({ column: z.string(), code: z.string(), message: z.string() })) })
    .optional(),
});

/** The typed error of a non-2xx response, from its SCIM Error body when it has one. */
export async function errorFromResponse(res: Response): Promise<ClientError> {
  const text = await res.text().catch(() => '');
  let body: z.infer<typeof ErrorBody> = {};
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) body = parsed.data;
  } catch {
    // Not JSON (a proxy's HTML page): the status line is all there is to say.
  }
  const retry = retryAfterSeconds(res.headers.get('retry-after'));
  return new ClientError(
    'http',
    body.detail ?? `${res.status} ${res.statusText}`.trim(),
    res.status,
    body.scimType,
    body[SCHEMA_PROBLEMS]?.problems ?? [],
    retry !== undefined && retry > 0 ? Math.ceil(retry) : undefined,
  );
}
