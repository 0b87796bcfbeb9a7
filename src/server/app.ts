import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cors from '@fastify/cors';
import { hash, verify } from '@node-rs/argon2';
import Fastify, { type FastifyInstance } from 'fastify';
import { ScimError } from '../scim/ScimError';
import { authenticate } from './auth/authenticate';
import { registrationRoutes } from './pages/registrationRoutes';
import { mailRoutes } from './routes/mailRoutes';
import { rosterRoutes } from './routes/rosterRoutes';
import { sessionRoutes } from './routes/sessionRoutes';
import { tokenRoutes } from './routes/tokenRoutes';
import { bulkRoutes } from './scim/bulkRoutes';
import { discoveryRoutes } from './scim/discoveryRoutes';
import { groupRoutes } from './scim/groupRoutes';
import { userRoutes } from './scim/userRoutes';
import { sendScim, type AppDeps, type Services } from './services';
import { logSerializers } from './logging';
import { loadTenant } from './tenants';

/** Whether any string (key or value) in a parsed JSON value contains U+0000. */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  }
  return false;
}

function toScimError(err: unknown): ScimError {
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
  }
  if (err instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new ScimError(400, `The body is not valid JSON: ${e.message ?? ''}`.trim(), 'invalidSyntax');
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new ScimError(e.statusCode, e.message ?? 'Bad request.');
  }
  return new ScimError(500, 'Internal server error.');
}

/** `http://host:port` of a listening server (`http://localhost` before it listens: tests). */
function originOf(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return 'http://localhost';
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Builds the Roster server; never listens (server.ts does), so tests use `app.inject()`. */
export async function buildApp(appDeps: AppDeps): Promise<FastifyInstance> {
  const deps: Services['deps'] = {
    db: appDeps.db,
    clock: appDeps.clock ?? (() => new Date()),
    // argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).
    hashPassword: appDeps.hashPassword ?? ((pw) => hash(pw)),
    verifyPassword: appDeps.verifyPassword ?? ((h, pw) => verify(h, pw)),
    newId: appDeps.newId ?? randomUUID,
    sessionMinutes: appDeps.sessionMinutes ?? 60,
    loginFailuresPerUser: appDeps.loginFailuresPerUser ?? 5,
    loginFailuresPerAddress: appDeps.loginFailuresPerAddress ?? 30,
    onMailQueued: appDeps.onMailQueued ?? (() => {}),
    ...(appDeps.publicUrl ? { publicUrl: appDeps.publicUrl } : {}),
  };
  // Without PUBLIC_URL, links in mail use the address the server listens on, never the
  // request's Host header (which any client can forge).
  const services: Services = { deps, listenOrigin: () => originOf(app.server.address()) };
  const app = Fastify({
    logger: appDeps.logger ?? false,
    // req.ip and req.protocol come from X-Forwarded-For / -Proto only when the connection is
    // from one of these proxies (https://fastify.dev/docs/latest/Reference/Server/#trustproxy).
    ...(appDeps.trustProxy ? { trustProxy: appDeps.trustProxy } : {}),
    // Bulk bodies can be large; each other route sets its own smaller limit.
    bodyLimit: 1024 * 1024,
    // Passwords must never reach the logs: pino redacts these paths.
    ...(appDeps.logger
      ? {
          logger: {
            ...(typeof appDeps.logger === 'object' ? appDeps.logger : {}),
            redact: ['req.body.password', 'req.headers.authorization'],
            // Request URLs without tokens; errors without a query's parameters (issue 12).
            serializers: logSerializers,
          },
        }
      : {}),
  });

  app.addContentTypeParser(
    ['application/scim+json', 'application/json'],
    { parseAs: 'string' },
    (_req, body, done) => {
      let parsed: unknown;
      try {
        parsed = body === '' ? undefined : JSON.parse(body as string);
      } catch (e) {
        done(
          new ScimError(400, `The body is not valid JSON: ${(e as Error).message}`, 'invalidSyntax'),
          undefined,
        );
        return;
      }
      // PostgreSQL text cannot hold U+0000: refuse it here, once, rather than fail at the database.
      if (hasNul(parsed)) {
        done(
          new ScimError(400, 'Text values must not contain the NUL character (U+0000).', 'invalidValue'),
          undefined,
        );
        return;
      }
      done(null, parsed);
    },
  );

  await app.register(cors, {
    origin: [...(appDeps.allowedOrigins ?? [])],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Accept-Language'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After'],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  });

  app.setErrorHandler((err, req, reply) => {
    const scim = toScimError(err);
    if (scim.status >= 500) req.log.error({ err }, 'request failed');
    for (const [k, v] of Object.entries(scim.headers)) reply.header(k, v);
    return sendScim(reply, scim.status, scim.toJSON());
  });
  app.setNotFoundHandler((req, reply) =>
    sendScim(reply, 404, new ScimError(404, `No such endpoint: ${req.method} ${req.url}`).toJSON()),
  );

  app.addHook('onResponse', async (req) => {
    if (req.mailQueued) deps.onMailQueued();
  });

  app.get('/healthz', async () => ({ ok: true }));

  await app.register(
    async (tenantScope) => {
      tenantScope.addHook('onRequest', async (req) => {
        const slug = (req.params as { tenant?: string }).tenant ?? '';
        const tenant = await loadTenant(deps.db, slug);
        if (!tenant) throw new ScimError(404, `No tenant '${slug}'.`);
        req.tenant = tenant;
      });
      await tenantScope.register(sessionRoutes(services), { prefix: '/api' });
      await tenantScope.register(registrationRoutes(services));
      await tenantScope.register(async (authed) => {
        authed.addHook('preHandler', async (req) => {
          req.actor = await authenticate(deps.db, req.tenant!, req.headers.authorization, deps.clock());
        });
        await authed.register(rosterRoutes(services), { prefix: '/api' });
        await authed.register(mailRoutes(services), { prefix: '/api' });
        await authed.register(tokenRoutes(services), { prefix: '/api' });
        await authed.register(discoveryRoutes(services), { prefix: '/scim/v2' });
        await authed.register(userRoutes(services), { prefix: '/scim/v2' });
        await authed.register(groupRoutes(services), { prefix: '/scim/v2' });
        await authed.register(bulkRoutes(services), { prefix: '/scim/v2' });
      });
    },
    { prefix: '/t/:tenant' },
  );
  return app;
}
