import { z } from 'zod';
import { PENDING_STATUSES, ROSTER_USER_EXTENSION, profileById, type Locale, type Profile } from '../domain';
import { ScimUser, pullAttributes } from '../scim/userValues';
import { genericSearch, probed } from './genericSearch';
import { pageThrough } from './paging';
import { retryAfterSeconds } from './retryAfter';
import { ClientError, errorFromResponse } from './ClientError';
import {
  discoverProfile,
  featuresOf,
  probeCaseExactFilter,
  ROSTER_FEATURES,
  UNKNOWN_SCIM_FEATURES,
  type ServerFeatures,
} from './scimDiscovery';
import { scimBaseUrl, tenantUrl, type Connection, type ScimConnection } from './signIn';

const InvitationResult = z.discriminatedUnion('ok', [
  z.object({
    id: z.string(),
    ok: z.literal(true),
    userName: z.string(),
    status: z.string(),
    version: z.number(),
  }),
  z.object({ id: z.string(), ok: z.literal(false), status: z.number(), detail: z.string() }),
]);
/** What the server did for one user of a "send the registration mail" request. */
export type InvitationResult = z.infer<typeof InvitationResult>;
const Invitations = z.object({ results: z.array(InvitationResult) });
const MailStatus = z.object({
  counts: z.record(z.string(), z.number()),
  mails: z.array(
    z.object({
      id: z.string(),
      userId: z.string().nullable(),
      kind: z.string(),
      to: z.string(),
      state: z.enum(['pending', 'sending', 'failed']),
      attempts: z.number(),
      lastError: z.string().nullable(),
      created: z.string(),
    }),
  ),
});
/** The tenant's mail that is not delivered yet, or failed: what the admin should know. */
export type MailStatus = z.infer<typeof MailStatus>;

const ServiceProviderConfig = z.looseObject({
  bulk: z
    .looseObject({
      supported: z.boolean(),
      maxOperations: z.number().optional(),
      maxPayloadSize: z.number().optional(),
    })
    .optional(),
  filter: z.looseObject({ supported: z.boolean(), maxResults: z.number().optional() }).optional(),
  etag: z.looseObject({ supported: z.boolean() }).optional(),
  pagination: z
    .looseObject({
      cursor: z.boolean().optional(),
      index: z.boolean().optional(),
      maxPageSize: z.number().optional(),
    })
    .optional(),
});
export type ServiceProviderConfig = z.infer<typeof ServiceProviderConfig>;

const ListResponse = z.looseObject({
  totalResults: z.number().int().min(0),
  startIndex: z.number().int().optional(),
  itemsPerPage: z.number().int().optional(),
  nextCursor: z.string().optional(),
  Resources: z.array(z.unknown()).optional(),
});

const ProfileBody = z.object({
  tenant: z.object({
    slug: z.string(),
    name: z.string(),
    userLimit: z.number(),
    passwordClasses: z.number().int().min(1).max(4),
  }),
  profile: z.looseObject({ id: z.string() }),
});

const Versions = z.object({ versions: z.array(z.object({ at: z.string(), changes: z.number() })) });

export interface TenantProfile {
  tenant: z.infer<typeof ProfileBody>['tenant'];
  profile: Profile;
}

/** How the client waits: real time in the pane, a fake clock in tests. */
export type Sleep = (ms: number) => Promise<void>;

export interface RosterClientOptions {
  /** A Roster server's tenant, or any SCIM 2.0 service by its base URL (issue 19). */
  connection: Connection | ScimConnection;
  token: string;
  locale: Locale;
  fetchFn?: typeof fetch;
  sleep?: Sleep;
  /** How many times a 429 or 503 is retried (after Retry-After) before it is an error. */
  maxRetries?: number;
  /** How long one request may take before it counts as lost (a `timeout` ClientError). */
  timeoutMs?: number;
}

/** Search fields of seed 000: member number, display name or email. */
export type SearchField = 'memberNumber' | 'displayName' | 'email';

/** SCIM filter string literal (RFC 7644 3.4.2.2): JSON string escaping. */
function literal(v: string): string {
  return JSON.stringify(v);
}

/**
 * The SCIM client of the add-in: reads ServiceProviderConfig first, pages through users within
 * the server's page cap, waits out 429/503 with Retry-After, parses every body with zod and
 * throws ClientError (never a bare fetch error).
 */
export class RosterClient {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: Sleep;
  private readonly maxRetries: number;
  private config?: ServiceProviderConfig;
  private discovered?: Promise<TenantProfile>;
  /** A Roster server's profile once read: lists then ask only for the attributes it reads. */
  private rosterProfile?: Profile;

  constructor(private readonly options: RosterClientOptions) {
    const c = options.connection;
    this.generic = 'scimUrl' in c;
    this.base = 'scimUrl' in c ? scimBaseUrl(c.scimUrl) : tenantUrl(c);
    this.features = this.generic ? UNKNOWN_SCIM_FEATURES : ROSTER_FEATURES;
    this.fetchFn = options.fetchFn ?? ((input, init) => fetch(input, init));
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxRetries = options.maxRetries ?? 3;
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  private readonly timeoutMs: number;
  /** Connected to another SCIM service by its base URL, not to a Roster server's tenant. */
  readonly generic: boolean;
  /** What the server offers: everything on a Roster server; another service's, once discovered. */
  features: ServerFeatures;

  /**
   * The URL of a path: a Roster server's tenant has the SCIM API under `/scim/v2` and its own
   * API under `/api`; another service has the SCIM API at its base URL and nothing else, so a
   * Roster-only call there is refused here, before any request (no 404 reaches the admin).
   */
  private urlOf(path: string): string {
    if (!this.generic) return `${this.base}${path}`;
    if (path.startsWith('/scim/v2/') || path.startsWith('/scim/v2?')) {
      const url = new URL(`${this.base}${path.slice('/scim/v2'.length)}`);
      // A Roster server's dry run would be a real write on a service that ignores the query.
      if (url.searchParams.has('dryRun'))
        throw new ClientError('unsupported', 'This SCIM service cannot check without writing.');
      url.searchParams.delete('sendMail');
      url.searchParams.delete('mailPassword');
      return url.href;
    }
    throw new ClientError('unsupported', `This SCIM service does not offer ${path.split('?')[0]}.`);
  }

  /** The tenant's address on the server (for the submission record). */
  get tenantUrl(): string {
    return this.base;
  }

  /** One request with auth, language and retries; returns the parsed JSON of a 2xx. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ json: unknown; res: Response }> {
    const url = this.urlOf(path);
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchFn(url, {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            'accept-language': this.options.locale,
            ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (e) {
        if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
          throw new ClientError('timeout', `${method} ${path}: no answer within ${this.timeoutMs / 1000} s.`);
        }
        throw new ClientError(
          'network',
          `Cannot reach the server: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      if ((res.status === 429 || res.status === 503) && attempt < this.maxRetries) {
        const seconds = retryAfterSeconds(res.headers.get('retry-after'));
        // RFC 9110 10.2.3: Retry-After in seconds or as a date; without one, back off exponentially.
        await this.sleep(seconds !== undefined ? seconds * 1000 : 1000 * 2 ** attempt);
        continue;
      }
      if (!res.ok) throw await errorFromResponse(res);
      if (res.status === 204 || res.status === 304) return { json: undefined, res };
      try {
        return { json: await res.json(), res };
      } catch {
        throw new ClientError('invalidResponse', `${method} ${path}: the answer is not JSON.`, res.status);
      }
    }
  }

  private parse<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
    const r = schema.safeParse(json);
    if (!r.success)
      throw new ClientError(
        'invalidResponse',
        `${what}: unexpected answer (${r.error.issues[0]?.message ?? ''}).`,
      );
    return r.data;
  }

  /** The server's capabilities (RFC 7644 4), read once. */
  async serviceProviderConfig(): Promise<ServiceProviderConfig> {
    this.config ??= this.parse(
      ServiceProviderConfig,
      (await this.request('GET', '/scim/v2/ServiceProviderConfig')).json,
      'ServiceProviderConfig',
    );
    return this.config;
  }

  /** The tenant's settings and its profile (columns and rules), checked against our profiles. */
  async tenantProfile(): Promise<TenantProfile> {
    if (this.generic) {
      // Discovered once per connection: the connect form and the pane ask for the same thing.
      this.discovered ??= this.genericProfile().catch((e: unknown) => {
        this.discovered = undefined;
        throw e;
      });
      return this.discovered;
    }
    const body = this.parse(ProfileBody, (await this.request('GET', '/api/profile')).json, 'profile');
    const profile = profileById(body.profile.id);
    if (!profile)
      throw new ClientError(
        'invalidResponse',
        `The server uses profile '${body.profile.id}', which this add-in does not know.`,
      );
    this.rosterProfile = profile;
    return { tenant: body.tenant, profile };
  }

  /**
   * Another SCIM service: its features and the generic profile from its /Schemas and
   * /ResourceTypes. It has no tenant: the host names it, and it has no password rule here.
   */
  private async genericProfile(): Promise<TenantProfile> {
    const config = await this.serviceProviderConfig();
    const request = (method: string, path: string) => this.request(method, path);
    const { profile, userType } = await discoverProfile(request);
    const caseExactFilter = config.filter?.supported ? await probeCaseExactFilter(request) : undefined;
    this.features = { ...featuresOf(config, userType), caseExactFilter: caseExactFilter ?? false };
    probed.add(this);
    const host = new URL(this.base).host;
    return { tenant: { slug: host, name: host, userLimit: 0, passwordClasses: 1 }, profile };
  }

  /** The page size to ask for: the server's cap, at most 1,000. */
  private async pageSize(): Promise<number> {
    const c = await this.serviceProviderConfig();
    return Math.max(1, Math.min(1000, c.pagination?.maxPageSize ?? c.filter?.maxResults ?? 100));
  }

  /**
   * Every user matching `filter` (all users without one), page by page: by cursor where the
   * server offers it (RFC 9865), else by index; `onProgress` gets (received, total) after each
   * page. On a Roster server whose profile was read, only the attributes the sheet reads.
   */
  async listUsers(filter?: string, onProgress?: (done: number, total: number) => void): Promise<ScimUser[]> {
    return this.pageThrough('/scim/v2/Users', filter, onProgress);
  }

  /** The roster as it was at `asOf` (seed 000: 過去に更新した時点での情報). */
  async rosterAsOf(asOf: Date, onProgress?: (done: number, total: number) => void): Promise<ScimUser[]> {
    return this.pageThrough(`/api/roster`, undefined, onProgress, { asOf: asOf.toISOString() });
  }

  /** Past update times, newest first. */
  async versions(): Promise<{ at: Date; changes: number }[]> {
    const body = this.parse(Versions, (await this.request('GET', '/api/roster/versions')).json, 'versions');
    return body.versions.map((v) => ({ at: new Date(v.at), changes: v.changes }));
  }

  /**
   * Users created with these client keys (SCIM externalId), by key: how a lost answer is
   * reconciled, and what a server whose Bulk answers carry no resource assigned. As many keys
   * per filter as one page holds (filter.maxResults), at most 200 terms (this server's filter
   * limit, src/scim/limits.ts) and a query of at most ~6,000 characters (URLs far below the
   * 8 KB many servers and proxies refuse).
   */
  async findByExternalIds(keys: readonly string[]): Promise<Map<string, ScimUser>> {
    const out = new Map<string, ScimUser>();
    if (keys.length === 0) return out;
    const maxTerms = Math.min(200, await this.pageSize());
    for (let i = 0; i < keys.length;) {
      const terms: string[] = [];
      let length = 0;
      while (i < keys.length && terms.length < maxTerms) {
        const term = `externalId eq ${literal(keys[i]!)}`;
        const encoded = encodeURIComponent(term).length + 8;
        if (terms.length > 0 && length + encoded > 6_000) break;
        terms.push(term);
        length += encoded;
        i++;
      }
      for (const u of await this.listUsers(terms.join(' or '))) if (u.externalId) out.set(u.externalId, u);
    }
    return out;
  }

  /**
   * Users whose field contains the text (seed 000's search: member number, display name or
   * email). With `registeredOnly`, users who have not completed registration are left out
   * (seed 000: 登録手続きを行っていないユーザーは、検索結果に表示されません).
   */
  async search(
    field: SearchField,
    text: string,
    options: { registeredOnly?: boolean } = {},
  ): Promise<ScimUser[]> {
    if (this.generic) return genericSearch(this, field, text);
    const path =
      field === 'memberNumber'
        ? `${ROSTER_USER_EXTENSION}:memberNumber`
        : field === 'email'
          ? 'emails.value'
          : 'displayName';
    const pending = PENDING_STATUSES.map((s) => `${ROSTER_USER_EXTENSION}:status eq ${literal(s)}`).join(
      ' or ',
    );
    return this.listUsers(
      `${path} co ${literal(text)}${options.registeredOnly ? ` and not (${pending})` : ''}`,
    );
  }

  /** Mail waiting to go out and mail that failed (a refusing server, a wrong address). */
  async mailStatus(): Promise<MailStatus> {
    return this.parse(MailStatus, (await this.request('GET', '/api/mail')).json, 'mail status');
  }

  /** Puts every failed mail back in the queue; returns how many. */
  async retryFailedMail(): Promise<number> {
    const { json } = await this.request('POST', '/api/mail/retry', {});
    return this.parse(z.object({ retried: z.number() }), json, 'mail retry').retried;
  }

  /**
   * Sends the registration mail now to these users (provisional or waiting ones): each gets a
   * new one-time URL and becomes 利用待ち. Says per user what happened.
   */
  async sendInvitations(ids: readonly string[]): Promise<InvitationResult[]> {
    const out: InvitationResult[] = [];
    for (let i = 0; i < ids.length; i += 10_000) {
      const { json } = await this.request('POST', '/api/invitations', { ids: ids.slice(i, i + 10_000) });
      out.push(...this.parse(Invitations, json, 'invitations').results);
    }
    return out;
  }

  private async pageThrough(
    path: string,
    filter: string | undefined,
    onProgress: ((done: number, total: number) => void) | undefined,
    extra: Record<string, string> = {},
  ): Promise<ScimUser[]> {
    const config = await this.serviceProviderConfig();
    // Only what the sheet reads (issue 18): a Roster server whose profile is known. Another
    // service gets no `attributes` (its defaults may leave out what the generic profile maps).
    // ~750 characters in the URL, beside findByExternalIds's filter of at most ~6,000.
    const attributes =
      path === '/scim/v2/Users' && this.rosterProfile ? pullAttributes(this.rosterProfile).join(',') : '';
    return pageThrough({
      get: async (query) => {
        if (attributes) query.set('attributes', attributes);
        if (filter) query.set('filter', filter);
        const body = this.parse(ListResponse, (await this.request('GET', `${path}?${query}`)).json, 'list');
        const resources = (body.Resources ?? []).map((r) => this.parse(ScimUser, r, 'user'));
        return {
          total: body.totalResults,
          resources,
          ...(body.nextCursor ? { nextCursor: body.nextCursor } : {}),
        };
      },
      count: await this.pageSize(),
      // RFC 9865: where a server offers cursor paging, it is stable under concurrent changes.
      cursor: config.pagination?.cursor === true && path === '/scim/v2/Users',
      // The fallbacks are for other services (issue 19); a Roster server pages by index as before.
      fallbacks: this.generic,
      indexPaging: config.pagination?.index !== false,
      extra,
      ...(onProgress ? { onProgress } : {}),
    });
  }
}
