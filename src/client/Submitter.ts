import type { Profile } from '../domain';
import { SCHEMA_BULK_REQUEST } from '../scim/constants';
import type { SubmitOp } from '../scim/operations';
import { ScimUser, scimUserValues } from '../scim/userValues';
import { ClientError, type ClientProblem } from './ClientError';
import type { RosterClient } from './RosterClient';

/** What happened to one operation. */
export type SubmitOutcome =
  | {
      op: SubmitOp;
      status: 'done';
      id: string;
      version: string;
      /** The user as the server now holds it, when its answer carried it (no re-read needed). */
      user?: ScimUser;
    }
  | {
      op: SubmitOp;
      status: 'failed';
      httpStatus: number;
      detail: string;
      scimType?: string;
      problems: readonly ClientProblem[];
    }
  /** 412: the user changed on the server since the pull; nothing was written. */
  | { op: SubmitOp; status: 'conflict'; detail: string }
  /** Cancelled before it was sent. */
  | { op: SubmitOp; status: 'skipped' };

export interface SubmitOptions {
  /** Bulk dry run (`?dryRun=true`): every check, nothing written. */
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Checked between requests: a cancel stops before the next one. */
  signal?: AbortSignal;
  /** Requests in flight at once when the server has no Bulk. */
  concurrency?: number;
  /** Operations per Bulk request, at most the server's maxOperations (smaller gives finer progress). */
  chunkOperations?: number;
  /**
   * Mail the invitation now (`?sendMail=true`): new users without a password become 利用待ち,
   * not 仮登録. (Admin-set passwords of new users are mailed whatever this says: seed 004.)
   */
  sendMail?: boolean;
  /** Mail updated passwords to their users (`?mailPassword=true`). */
  mailPassword?: boolean;
}

const BulkResponse = (json: unknown) => {
  const ops = (json as { Operations?: unknown })?.Operations;
  if (!Array.isArray(ops)) throw new ClientError('invalidResponse', 'A Bulk answer without Operations.');
  return ops as {
    status?: string;
    location?: string;
    version?: string;
    response?: { detail?: string; scimType?: string } & Record<string, unknown>;
  }[];
};

const encoder = new TextEncoder();

/** The query of a write: the dry run and the mail choice, which the server reads from it. */
function queryOf(options: SubmitOptions): string {
  const params = new URLSearchParams();
  if (options.dryRun) params.set('dryRun', 'true');
  if (options.sendMail) params.set('sendMail', 'true');
  if (options.mailPassword) params.set('mailPassword', 'true');
  const q = params.toString();
  return q ? `?${q}` : '';
}

function idOf(location: string | undefined): string {
  return location ? location.slice(location.lastIndexOf('/') + 1) : '';
}

/** The version to send as If-Match (or a Bulk `version`): none without ETag support or a version. */
function ifMatchOf(op: SubmitOp, etag: boolean): Record<string, string> {
  return op.kind !== 'create' && etag && op.version ? { version: op.version } : {};
}

function bulkOp(op: SubmitOp, etag: boolean): Record<string, unknown> {
  switch (op.kind) {
    case 'create':
      return { method: 'POST', path: '/Users', bulkId: op.clientKey, data: op.body };
    case 'update':
      return { method: 'PATCH', path: `/Users/${op.id}`, ...ifMatchOf(op, etag), data: op.body };
    case 'delete':
      return { method: 'DELETE', path: `/Users/${op.id}`, ...ifMatchOf(op, etag) };
  }
}

/** Runs `work` on every item, at most `limit` at a time, keeping the order of the results. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

function failedFrom(op: SubmitOp, e: ClientError): SubmitOutcome {
  if (e.status === 412) return { op, status: 'conflict', detail: e.message };
  return {
    op,
    status: 'failed',
    httpStatus: e.status ?? 0,
    detail: e.message,
    ...(e.scimType ? { scimType: e.scimType } : {}),
    problems: e.problems,
  };
}

/**
 * Sends a changeset's operations: SCIM Bulk in chunks within the server's maxOperations and
 * maxPayloadSize, or one request per row with capped concurrency when the server has no Bulk.
 * A 412 is a conflict, never overwritten. A request whose answer is lost (timeout, dropped
 * connection) is reconciled before it is sent again: creations are looked up by their client
 * key (externalId), so a retry never creates a user twice.
 */
export class Submitter {
  constructor(
    private readonly client: RosterClient,
    private readonly profile: Profile,
  ) {}

  async submit(allOps: readonly SubmitOp[], options: SubmitOptions = {}): Promise<SubmitOutcome[]> {
    const config = await this.client.serviceProviderConfig();
    const results = new Map<SubmitOp, SubmitOutcome>();
    const report = () =>
      options.onProgress?.([...results.values()].filter((r) => r.status !== 'skipped').length, allOps.length);
    // RFC 7644 3.14: without ETag support nothing guards a write against another writer, so
    // each changed user is read first and compared with the pull (issue "Any SCIM 2.0 service").
    this.etag = config.etag?.supported !== false;
    let ops = allOps;
    if (!this.etag) {
      const checked = await mapLimit(allOps, options.concurrency ?? 4, (op) => this.unchangedSincePull(op));
      ops = allOps.filter((op, i) => {
        const outcome = checked[i];
        if (outcome) results.set(op, outcome);
        return !outcome;
      });
      report();
    }
    if (config.bulk?.supported) {
      const maxOps = Math.max(
        1,
        Math.min(config.bulk.maxOperations ?? 1000, options.chunkOperations ?? 1000),
      );
      // Leave room for the envelope, and for a server that counts bytes a little differently.
      const maxBytes = Math.floor((config.bulk.maxPayloadSize ?? 1_048_576) * 0.9);
      for (const chunk of this.chunks(ops, maxOps, maxBytes)) {
        if (options.signal?.aborted) break;
        for (const r of await this.sendBulk(chunk, options)) results.set(r.op, r);
        report();
      }
    } else {
      if (options.dryRun)
        throw new ClientError('http', 'This server has no Bulk, so it cannot check without writing.');
      let next = 0;
      const worker = async () => {
        while (next < ops.length && !options.signal?.aborted) {
          const op = ops[next++]!;
          results.set(op, await this.sendOne(op, options));
          report();
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
    }
    return allOps.map((op) => results.get(op) ?? { op, status: 'skipped' });
  }

  /** Whether the server has ETags: read from its ServiceProviderConfig at each submit. */
  private etag = true;

  /**
   * Without ETag: undefined when the user is as it was pulled (in the columns this write
   * changes), else the outcome it gets instead of being written.
   */
  private async unchangedSincePull(op: SubmitOp): Promise<SubmitOutcome | undefined> {
    if (op.kind === 'create') return undefined;
    let current: ScimUser;
    try {
      current = ScimUser.parse((await this.client.request('GET', `/scim/v2/Users/${op.id}`)).json);
    } catch (e) {
      if (!(e instanceof ClientError) || e.status !== 404) throw e;
      if (op.kind === 'delete') return { op, status: 'done', id: op.id, version: '' };
      return {
        op,
        status: 'failed',
        httpStatus: 404,
        detail: 'The user was deleted on the server.',
        problems: [],
      };
    }
    if (op.kind === 'delete') return undefined;
    const now = scimUserValues(this.profile, current);
    const changed = op.changes.filter((c) => c.column !== 'password' && (now[c.column] ?? '') !== c.before);
    if (changed.length === 0) return undefined;
    return {
      op,
      status: 'conflict',
      detail: `Changed on the server since the pull: ${changed.map((c) => c.column).join(', ')}.`,
    };
  }

  private chunks(ops: readonly SubmitOp[], maxOps: number, maxBytes: number): SubmitOp[][] {
    const out: SubmitOp[][] = [];
    let current: SubmitOp[] = [];
    let size = 200;
    for (const op of ops) {
      const bytes = encoder.encode(JSON.stringify(bulkOp(op, this.etag))).length + 1;
      if (current.length > 0 && (current.length >= maxOps || size + bytes > maxBytes)) {
        out.push(current);
        current = [];
        size = 200;
      }
      current.push(op);
      size += bytes;
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private async sendBulk(chunk: SubmitOp[], options: SubmitOptions, attempt = 0): Promise<SubmitOutcome[]> {
    const dryRun = options.dryRun ?? false;
    let json: unknown;
    try {
      json = (
        await this.client.request('POST', `/scim/v2/Bulk${queryOf(options)}`, {
          schemas: [SCHEMA_BULK_REQUEST],
          Operations: chunk.map((op) => bulkOp(op, this.etag)),
        })
      ).json;
    } catch (e) {
      if (!(e instanceof ClientError)) throw e;
      // The server's real limit is lower than it said: halve and go on.
      if (e.status === 413 && chunk.length > 1) {
        const half = Math.ceil(chunk.length / 2);
        return [
          ...(await this.sendBulk(chunk.slice(0, half), options)),
          ...(await this.sendBulk(chunk.slice(half), options)),
        ];
      }
      if ((e.kind === 'timeout' || e.kind === 'network') && !dryRun && attempt < 2) {
        const { settled, pending } = await this.reconcile(chunk);
        return [
          ...settled,
          ...(pending.length > 0 ? await this.sendBulk(pending, options, attempt + 1) : []),
        ];
      }
      return chunk.map((op) => failedFrom(op, e));
    }
    const answers = BulkResponse(json);
    return chunk.map((op, i) => {
      const a = answers[i];
      const status = Number(a?.status ?? 0);
      if (status >= 200 && status < 300) {
        const id = op.kind === 'create' ? idOf(a?.location) : op.id;
        // RFC 7644 3.7.3: the operation's `response` may hold the resource; taken only when it
        // is this user, so a server that sends something else there is simply re-read.
        const user = a?.response && op.kind !== 'delete' ? ScimUser.safeParse(a.response) : undefined;
        return {
          op,
          status: 'done',
          id,
          version: a?.version ?? '',
          ...(user?.success && user.data.id === id ? { user: user.data } : {}),
        };
      }
      const r = a?.response ?? {};
      const problems =
        (
          r['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems'] as
            { problems?: ClientProblem[] } | undefined
        )?.problems ?? [];
      if (status === 412)
        return { op, status: 'conflict', detail: r.detail ?? 'Changed on the server since the pull.' };
      return {
        op,
        status: 'failed',
        httpStatus: status,
        detail: r.detail ?? `Status ${status}`,
        ...(r.scimType ? { scimType: r.scimType } : {}),
        problems,
      };
    });
  }

  private async sendOne(op: SubmitOp, options: SubmitOptions, attempt = 0): Promise<SubmitOutcome> {
    const query = queryOf(options);
    try {
      if (op.kind === 'create') {
        const { json, res } = await this.client.request('POST', `/scim/v2/Users${query}`, op.body);
        const u = ScimUser.parse(json);
        return {
          op,
          status: 'done',
          id: u.id,
          version: res.headers.get('etag') ?? u.meta?.version ?? '',
          user: u,
        };
      }
      if (op.kind === 'update') {
        const ifMatch = ifMatchOf(op, this.etag).version;
        const { json, res } = await this.client.request(
          'PATCH',
          `/scim/v2/Users/${op.id}${query}`,
          op.body,
          ifMatch ? { 'if-match': ifMatch } : {},
        );
        // RFC 7644 3.5.2: a server may answer 204 No Content; the new version is read back.
        const u = ScimUser.parse(json ?? (await this.client.request('GET', `/scim/v2/Users/${op.id}`)).json);
        return {
          op,
          status: 'done',
          id: u.id,
          version: (json ? res.headers.get('etag') : null) ?? u.meta?.version ?? '',
        };
      }
      const ifMatch = ifMatchOf(op, this.etag).version;
      await this.client.request(
        'DELETE',
        `/scim/v2/Users/${op.id}`,
        undefined,
        ifMatch ? { 'if-match': ifMatch } : {},
      );
      return { op, status: 'done', id: op.id, version: '' };
    } catch (e) {
      if (!(e instanceof ClientError)) throw e;
      if ((e.kind === 'timeout' || e.kind === 'network') && attempt < 2) {
        const { settled, pending } = await this.reconcile([op]);
        return settled[0] ?? this.sendOne(pending[0]!, options, attempt + 1);
      }
      return failedFrom(op, e);
    }
  }

  /**
   * After a lost answer: which operations did happen? Creations are found by their client key;
   * a deletion is done if the user is gone; an update is done if the user now holds every
   * value it set. The rest are sent again.
   */
  private async reconcile(
    ops: readonly SubmitOp[],
  ): Promise<{ settled: SubmitOutcome[]; pending: SubmitOp[] }> {
    const settled: SubmitOutcome[] = [];
    const pending: SubmitOp[] = [];
    const creates = ops.filter((o): o is Extract<SubmitOp, { kind: 'create' }> => o.kind === 'create');
    const found = await this.client.findByExternalIds(creates.map((c) => c.clientKey));
    for (const op of ops) {
      if (op.kind === 'create') {
        const u = found.get(op.clientKey);
        if (u) settled.push({ op, status: 'done', id: u.id, version: u.meta?.version ?? '', user: u });
        else pending.push(op);
        continue;
      }
      let current: ScimUser | undefined;
      try {
        current = ScimUser.parse((await this.client.request('GET', `/scim/v2/Users/${op.id}`)).json);
      } catch (e) {
        if (!(e instanceof ClientError) || e.status !== 404) throw e;
      }
      if (op.kind === 'delete') {
        if (!current) settled.push({ op, status: 'done', id: op.id, version: '' });
        else pending.push(op);
        continue;
      }
      if (!current) {
        settled.push({
          op,
          status: 'failed',
          httpStatus: 404,
          detail: 'The user was deleted on the server.',
          problems: [],
        });
        continue;
      }
      const now = scimUserValues(this.profile, current);
      const applied = op.changes.every((c) => c.column === 'password' || now[c.column] === c.after);
      if (applied && current.meta?.version !== op.version)
        settled.push({ op, status: 'done', id: op.id, version: current.meta?.version ?? '' });
      else pending.push(op);
    }
    return { settled, pending };
  }
}
