import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../domain';
import type { Actor, RequestCtx, TenantInfo } from './context';
import type { Db } from './db/connect';
import type { TextProblem } from './http/jsonBody';
import type { HomeOptions } from './pages/homeOptions';
import type { Strength } from './registration/passwordStrength';

/** What the app is built from; everything has a production default but the database. */
export interface AppDeps {
  db: Db;
  /** The clock every write and expiry reads; tests move it. */
  clock?: () => Date;
  allowedOrigins?: readonly string[];
  /**
   * Fastify's logger: off, on, or pino's options: a level, a transport (pino-pretty in a
   * terminal), or (tests) the stream lines go to.
   */
  logger?:
    | boolean
    | {
        level: string;
        transport?: { target: string; options?: Record<string, unknown> };
        stream?: { write(line: string): unknown };
      };
  hashPassword?: (password: string) => Promise<string>;
  verifyPassword?: (hash: string, password: string) => Promise<boolean>;
  /** Scores a password for the registration page (zxcvbn); by default in the CPU pool. */
  scorePassword?: (password: string, userInputs: string[], locale: Locale) => Promise<Strength>;
  newId?: () => string;
  /** How long a sign-in session lasts. */
  sessionMinutes?: number;
  /**
   * Failed sign-ins allowed per account from one address, and per address, before the key
   * waits (30 s, doubling with each further failure, at most an hour; see signInThrottle).
   */
  loginFailuresPerUser?: number;
  loginFailuresPerAddress?: number;
  /**
   * The origin people reach the server at (PUBLIC_URL), for links in mail; by default the
   * address the server listens on (never a request's Host header).
   */
  publicUrl?: string;
  /** Called once a request that queued mail has been answered (the outbox worker's wake). */
  onMailQueued?: () => void;
  /** What `/` links to and whether this server also serves the built add-in. */
  home?: HomeOptions;
  /**
   * The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (TRUST_PROXY:
   * addresses or CIDR ranges, comma-separated); none by default.
   */
  trustProxy?: string;
}

/** What the tenant plugin puts on each request under /t/:tenant. */
export interface Services {
  deps: Required<Omit<AppDeps, 'logger' | 'allowedOrigins' | 'publicUrl' | 'home' | 'trustProxy'>> & {
    publicUrl?: string;
  };
  /** `http://host:port` the server listens on: the origin of links in mail without PUBLIC_URL. */
  listenOrigin: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    tenant?: TenantInfo;
    actor?: Actor;
    /** Set when the request queued mail. */
    mailQueued?: boolean;
    /** Strings in the JSON body that cannot be stored as text. */
    textProblems?: TextProblem[];
  }
  interface FastifyContextConfig {
    /** The route judges `textProblems` per Bulk operation instead of failing the request. */
    perOperationText?: boolean;
  }
}

const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** The request's language for messages: Japanese when the client prefers it, else English. */
export function localeOf(req: FastifyRequest): Locale {
  const header = req.headers['accept-language'] ?? '';
  return /^\s*ja\b/i.test(header) ? 'ja' : 'en';
}

/** The SCIM base URL of the request's tenant, from the address the client used. */
export function scimBase(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}/t/${req.tenant!.slug}/scim/v2`;
}

/**
 * Sends a SCIM JSON body with the SCIM media type (RFC 7644 3.1). As bytes: a string body is
 * measured (Buffer.byteLength) and then encoded again when written, two passes over a response
 * that is a megabyte for a 1,000-user Bulk or list page (--cpu-prof, issue 18). A Buffer is JSON
 * made already, sent as it is.
 */
export function sendScim(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header('content-type', SCIM_CONTENT_TYPE)
    .send(Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8'));
}

/** The context of an authenticated tenant request. */
export function requestCtx(services: Services, req: FastifyRequest): RequestCtx {
  const { deps } = services;
  return {
    db: deps.db,
    tenant: req.tenant!,
    actor: req.actor!,
    now: deps.clock(),
    clock: deps.clock,
    locale: localeOf(req),
    baseUrl: scimBase(req),
    hashPassword: deps.hashPassword,
    newId: deps.newId,
    publicUrl: publicUrlOf(services),
    sendMail: flag(req, 'sendMail'),
    mailPassword: flag(req, 'mailPassword'),
    mailQueued: () => {
      req.mailQueued = true;
    },
  };
}

/** A true/false query parameter: `true` or `1` is true, anything else false. */
function flag(req: FastifyRequest, name: string): boolean {
  return /^(true|1)$/i.test((req.query as Record<string, string> | undefined)?.[name] ?? '');
}

/** The origin for links in mail: PUBLIC_URL, or the listen address; never the request's Host. */
export function publicUrlOf(services: Services): string {
  return services.deps.publicUrl ?? services.listenOrigin();
}
