import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  BULK_MAX_OPERATIONS,
  BULK_MAX_PAYLOAD,
  SCHEMA_BULK_REQUEST,
  SCHEMA_BULK_RESPONSE,
} from '../../scim/constants';
import { ScimError } from '../../scim/ScimError';
import { faultOf, toScimError } from '../http/errors';
import { textError } from '../http/jsonBody';
import { etagOf, isRecord, parseUserBody, toScimUser, type UserInput } from '../../scim/userResource';
import { requestCtx, sendScim, type Services } from '../services';
import type { RequestCtx } from '../context';
import { createGroup, deleteGroup, parseGroupBody, updateGroup } from '../groups/groupService';
import { createUsers, deleteUser, updateUser, type Outcome } from '../users/userService';
import type { StoredUser } from '../users/userStore';
import { patchedGroup } from './groupRoutes';
import { patchedInput } from './userRoutes';

export const Operation = z.object({
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(['POST', 'PUT', 'PATCH', 'DELETE'])),
  bulkId: z.string().min(1).optional(),
  version: z.string().optional(),
  path: z.string().min(1),
  data: z.unknown().optional(),
});
type Operation = z.infer<typeof Operation>;

const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `Operation.safeParse`, with a well-formed operation (a thousand a request) read without zod:
 * zod cost about a tenth of a 1,000-user Bulk request (--cpu-prof, issue 18). Anything else goes
 * through zod, for its message; both give the same operation.
 */
export function parseOperation(
  raw: unknown,
): { success: true; data: Operation } | ReturnType<typeof Operation.safeParse> {
  if (isRecord(raw)) {
    const { method, bulkId, version, path, data } = raw;
    const upper = typeof method === 'string' ? method.toUpperCase() : '';
    if (
      METHODS.has(upper) &&
      typeof path === 'string' &&
      path.length > 0 &&
      (bulkId === undefined || (typeof bulkId === 'string' && bulkId.length > 0)) &&
      (version === undefined || typeof version === 'string')
    ) {
      const op: Operation = { method: upper as Operation['method'], path };
      if (bulkId !== undefined) op.bulkId = bulkId;
      if (version !== undefined) op.version = version;
      if (data !== undefined) op.data = data;
      return { success: true, data: op };
    }
  }
  return Operation.safeParse(raw);
}

const BulkBody = z.object({
  schemas: z
    .array(z.string())
    .refine((s) => s.includes(SCHEMA_BULK_REQUEST), `schemas must include ${SCHEMA_BULK_REQUEST}`),
  failOnErrors: z.number().int().min(1).optional(),
  Operations: z.array(z.unknown()),
});

/** One entry of the BulkResponse (RFC 7644 3.7.3). */
interface OpResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

const BULK_REF = /^bulkId:(.+)$/;

/** Replaces `bulkId:x` references (RFC 7644 3.7.2) in a path or body by the ids they created. */
function resolveRefs(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    if (!m) return value;
    const id = ids.get(m[1]!);
    if (id === undefined)
      throw new ScimError(409, `bulkId '${m[1]}' has not been created (yet).`, 'invalidValue');
    return id;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, ids));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, ids)]));
  }
  return value;
}

function errorResult(op: { method: string; bulkId?: string }, e: unknown): OpResult {
  const err = toScimError(e);
  const r: OpResult = { method: op.method, status: String(err.status), response: err.toJSON() };
  if (op.bulkId) r.bulkId = op.bulkId;
  return r;
}

function parsePath(path: string): { type: 'Users' | 'Groups'; id?: string } {
  const m = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(path);
  if (!m) throw new ScimError(400, `Unsupported path '${path}'.`, 'invalidPath');
  let id: string | undefined;
  try {
    id = m[2] ? decodeURIComponent(m[2]) : undefined;
  } catch {
    throw new ScimError(400, `The path '${path}' has bad percent-encoding.`, 'invalidPath');
  }
  return { type: m[1] as 'Users' | 'Groups', id };
}

/** Results of a run of operations, with their JSON as bytes when it was made while writing. */
interface RunResults {
  results: OpResult[];
  /** The results' JSON without the enclosing brackets, UTF-8 encoded. */
  bytes?: Buffer;
}

/**
 * A run of creations of users that do not refer to earlier bulkIds: written together. Their
 * results are serialized while the database writes the users (createUsers' `whileWriting`), and
 * kept when the write commits with those very outcomes.
 */
async function runUserCreations(
  ctx: RequestCtx,
  ops: readonly Operation[],
  dryRun: boolean,
): Promise<RunResults> {
  const inputs: (UserInput | ScimError)[] = ops.map((op) => {
    try {
      return parseUserBody(ctx.tenant.profile, op.data);
    } catch (e) {
      if (e instanceof ScimError) return e;
      throw e;
    }
  });
  const valid = inputs.flatMap((i, k) => (i instanceof ScimError ? [] : [{ k, input: i }]));
  const resultsOf = (outcomes: readonly Outcome<StoredUser>[]): OpResult[] => {
    const byIndex = new Map<number, Outcome<StoredUser>>(valid.map((v, j) => [v.k, outcomes[j]!]));
    return ops.map((op, k) => {
      const input = inputs[k]!;
      const outcome = input instanceof ScimError ? { ok: false as const, error: input } : byIndex.get(k)!;
      if (!outcome.ok) return errorResult(op, outcome.error);
      const r: OpResult = {
        method: 'POST',
        location: `${ctx.baseUrl}/Users/${outcome.value.id}`,
        version: etagOf(outcome.value.version),
        status: '201',
        response: toScimUser(ctx.tenant.profile, outcome.value, ctx.baseUrl),
      };
      if (op.bulkId) r.bulkId = op.bulkId;
      return r;
    });
  };
  let prepared: (Required<RunResults> & { outcomes: readonly Outcome<StoredUser>[] }) | undefined;
  const outcomes = await createUsers(
    ctx,
    valid.map((v) => v.input),
    dryRun,
    (whileWriting) => {
      const results = resultsOf(whileWriting);
      const bytes = Buffer.from(JSON.stringify(results).slice(1, -1), 'utf8');
      prepared = { results, bytes, outcomes: [...whileWriting] };
    },
  );
  // Both are one outcome per valid input: kept when the write committed those very outcomes.
  const made = prepared;
  if (made && outcomes.every((o, j) => o === made.outcomes[j]))
    return { results: made.results, bytes: made.bytes };
  return { results: resultsOf(outcomes) };
}

async function runOne(
  ctx: RequestCtx,
  op: Operation,
  ids: Map<string, string>,
  dryRun: boolean,
): Promise<OpResult> {
  const path = parsePath(
    op.path.replace(
      /\/bulkId:([^/]+)$/,
      (_m, ref: string) => `/${resolveRefs(`bulkId:${ref}`, ids) as string}`,
    ),
  );
  const data = resolveRefs(op.data, ids);
  const options = { ifMatch: op.version, dryRun };
  const ok = (status: number, type: string, id: string, version?: number, user?: StoredUser): OpResult => {
    const r: OpResult = {
      method: op.method,
      status: String(status),
      location: `${ctx.baseUrl}/${type}/${id}`,
    };
    if (version !== undefined) r.version = etagOf(version);
    // RFC 7644 3.7.3: an operation's `response` may hold the resource; a user's comes along so
    // a client learns what the server assigned (user ID, member number, status) without a re-read.
    if (user) r.response = toScimUser(ctx.tenant.profile, user, ctx.baseUrl);
    if (op.bulkId) r.bulkId = op.bulkId;
    return r;
  };
  if (op.method === 'POST') {
    if (path.id) throw new ScimError(400, 'POST goes to /Users or /Groups, without an id.', 'invalidPath');
    if (path.type === 'Users') {
      const [outcome] = await createUsers(ctx, [parseUserBody(ctx.tenant.profile, data)], dryRun);
      if (!outcome!.ok) throw outcome!.error;
      return ok(201, 'Users', outcome!.value.id, outcome!.value.version, outcome!.value);
    }
    const g = await createGroup(ctx, parseGroupBody(data), dryRun);
    return ok(201, 'Groups', g.id, g.version);
  }
  if (!path.id) throw new ScimError(400, `${op.method} needs /${path.type}/{id}.`, 'invalidPath');
  const id = path.id;
  if (op.method === 'DELETE') {
    if (path.type === 'Users') await deleteUser(ctx, id, options);
    else await deleteGroup(ctx, id, options);
    const r: OpResult = { method: 'DELETE', status: '204', location: `${ctx.baseUrl}/${path.type}/${id}` };
    if (op.bulkId) r.bulkId = op.bulkId;
    return r;
  }
  if (path.type === 'Users') {
    const change =
      op.method === 'PUT'
        ? () => parseUserBody(ctx.tenant.profile, data)
        : (cur: StoredUser) => patchedInput(ctx, cur, data);
    const u = await updateUser(ctx, id, change, options);
    return ok(200, 'Users', u.id, u.version, u);
  }
  const g = await updateGroup(
    ctx,
    id,
    op.method === 'PUT' ? () => parseGroupBody(data) : (cur) => patchedGroup(ctx, cur, data),
    options,
  );
  return ok(200, 'Groups', g.id, g.version);
}

/** Whether a value holds a `bulkId:` reference anywhere (walked, not serialized: 1,000 bodies a request). */
function holdsBulkRef(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('bulkId:');
  if (Array.isArray(value)) return value.some(holdsBulkRef);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsBulkRef);
  return false;
}

function refersToBulkId(op: Operation): boolean {
  return holdsBulkRef(op.data ?? null);
}

/** The BulkResponse (RFC 7644 3.7.3) of results in order, some of them serialized already. */
function bulkResponse(parts: readonly (OpResult | Buffer)[]): Buffer {
  const chunks: Buffer[] = [BULK_OPEN];
  parts.forEach((p, i) => {
    if (i > 0) chunks.push(COMMA);
    chunks.push(Buffer.isBuffer(p) ? p : Buffer.from(JSON.stringify(p), 'utf8'));
  });
  chunks.push(BULK_CLOSE);
  return Buffer.concat(chunks);
}

const BULK_OPEN = Buffer.from(`{"schemas":${JSON.stringify([SCHEMA_BULK_RESPONSE])},"Operations":[`, 'utf8');
const COMMA = Buffer.from(',', 'utf8');
const BULK_CLOSE = Buffer.from(']}', 'utf8');

/**
 * /Bulk (RFC 7644 3.7): operations in order, each atomic on its own; `failOnErrors` stops after
 * that many errors; `?dryRun=true` runs every check and writes nothing. Consecutive user
 * creations are judged and written together, which is what makes 10,000 users a few seconds.
 */
export const bulkRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.post(
      '/Bulk',
      { bodyLimit: BULK_MAX_PAYLOAD, config: { perOperationText: true } },
      async (req, reply) => {
        const ctx = requestCtx(services, req);
        const dryRun = /^(true|1)$/i.test((req.query as { dryRun?: string }).dryRun ?? '');
        const body = BulkBody.safeParse(req.body);
        if (!body.success) {
          throw new ScimError(
            400,
            `Not a BulkRequest: ${body.error.issues.map((i) => i.message).join('; ')}`,
            'invalidSyntax',
          );
        }
        if (body.data.Operations.length > BULK_MAX_OPERATIONS) {
          throw new ScimError(
            413,
            `At most ${BULK_MAX_OPERATIONS} operations per request (got ${body.data.Operations.length}).`,
            'tooMany',
          );
        }
        // Text that cannot be stored: outside the operations it fails the request, inside one
        // operation just that operation.
        const badTextOf = new Map<number, ScimError>();
        for (const p of req.textProblems ?? []) {
          const m = /^\.Operations\[(\d+)\]/.exec(p.at);
          if (!m) throw textError(p);
          if (!badTextOf.has(Number(m[1]))) badTextOf.set(Number(m[1]), textError(p));
        }
        const failOnErrors = body.data.failOnErrors ?? Infinity;
        // The results in order: each alone, or a run's serialized together.
        const parts: (OpResult | Buffer)[] = [];
        const ids = new Map<string, string>();
        let errors = 0;
        const count = (r: OpResult) => {
          if (Number(r.status) >= 400) errors++;
          else if (r.bulkId && r.location)
            ids.set(r.bulkId, r.location.slice(r.location.lastIndexOf('/') + 1));
        };
        const record = (r: OpResult) => {
          parts.push(r);
          count(r);
        };
        const raw = body.data.Operations;
        let i = 0;
        while (i < raw.length && errors < failOnErrors) {
          const badText = badTextOf.get(i);
          if (badText) {
            const op = raw[i] as { method?: unknown; bulkId?: unknown };
            record(
              errorResult(
                {
                  method: typeof op.method === 'string' ? op.method : '',
                  ...(typeof op.bulkId === 'string' ? { bulkId: op.bulkId } : {}),
                },
                badText,
              ),
            );
            i++;
            continue;
          }
          const parsed = parseOperation(raw[i]);
          if (!parsed.success) {
            record(
              errorResult(
                { method: String((raw[i] as { method?: unknown })?.method ?? ''), bulkId: undefined },
                new ScimError(
                  400,
                  `Operation ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
                  'invalidSyntax',
                ),
              ),
            );
            i++;
            continue;
          }
          const op = parsed.data;
          const isPlainCreate = (o: Operation) =>
            o.method === 'POST' && o.path === '/Users' && !refersToBulkId(o);
          if (isPlainCreate(op) && failOnErrors === Infinity) {
            const run: Operation[] = [op];
            while (i + run.length < raw.length) {
              if (badTextOf.has(i + run.length)) break;
              const next = parseOperation(raw[i + run.length]);
              if (!next.success || !isPlainCreate(next.data)) break;
              run.push(next.data);
            }
            const done = await runUserCreations(ctx, run, dryRun);
            if (done.bytes) {
              parts.push(done.bytes);
              done.results.forEach(count);
            } else done.results.forEach(record);
            i += run.length;
            continue;
          }
          try {
            record(await runOne(ctx, op, ids, dryRun));
          } catch (e) {
            if (toScimError(e).status >= 500) {
              req.log.error({ reqId: req.id, fault: faultOf(e) }, 'bulk operation failed');
            }
            record(errorResult(op, e));
          }
          i++;
        }
        return sendScim(reply, 200, bulkResponse(parts));
      },
    );
  };
