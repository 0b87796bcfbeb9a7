import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { ScimError } from '../scim/ScimError';
import { authenticate } from './auth/authenticate';
import { homeRoutes } from './pages/homeRoutes';
import { registrationRoutes } from './pages/registrationRoutes';
import { healthRoutes } from './routes/healthRoutes';
import { mailRoutes } from './routes/mailRoutes';
import { rosterRoutes } from './routes/rosterRoutes';
import { sessionRoutes } from './routes/sessionRoutes';
import { tokenRoutes } from './routes/tokenRoutes';
import { bulkRoutes } from './scim/bulkRoutes';
import { discoveryRoutes } from './scim/discoveryRoutes';
import { groupRoutes } from './scim/groupRoutes';
import { rootRoutes } from './scim/rootRoutes';
import { userRoutes } from './scim/userRoutes';
import { LIMITS } from '../scim/limits';
import { sharedCpuPool } from './cpu/CpuPool';
import { faultOf, toScimError } from './http/errors';
import { badText, parseJsonBody, textError } from './http/jsonBody';
import { sendScim, type AppDeps, type Services } from './services';
import { logSerializers } from './logging';
import { loadTenant } from './tenants';

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
    // CPU-heavy work runs in the worker pool, never on the event loop (cpu/cpuTasks.ts).
    hashPassword: appDeps.hashPassword ?? ((password) => sharedCpuPool().run({ kind: 'hash', password })),
    verifyPassword:
      appDeps.verifyPassword ?? ((hash, password) => sharedCpuPool().run({ kind: 'verify', hash, password })),
    scorePassword:
      appDeps.scorePassword ??
      ((password, userInputs, locale) =>
        sharedCpuPool().run({ kind: 'strength', password, userInputs, locale })),
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
    // Bodies of other content types that Fastify parses itself: poisoned keys are an error.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Request ids unique across processes: a 500 quotes it, the log line is found by it.
    genReqId: () => randomUUID(),
    // Longer ids and slugs than this are refused as unknown (404) by the tenant scope's check.
    // Resource endpoints in any letter case (`/users`: Microsoft's SCIM validator calls them so).
    routerOptions: { maxParamLength: 1024, caseSensitive: false },
    // Errors Fastify raises before routing (a URL it cannot decode) in the SCIM shape.
    frameworkErrors: (err, _req, reply) => {
      void sendScim(
        reply,
        400,
        new ScimError(400, `The URL cannot be read: ${err.message}`, 'invalidSyntax').toJSON(),
      );
    },
    // Errors of Node's HTTP parser (headers or URL too large, malformed requests) in the SCIM
    // shape too, written on the socket as Node would (no request exists yet).
    clientErrorHandler: (err, socket) => {
      if ((err as { code?: string }).code === 'ECONNRESET' || socket.destroyed) return;
      const status = (err as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const detail =
        status === 431
          ? 'The request headers (with the URL) are too large.'
          : 'The request is malformed HTTP.';
      const body = JSON.stringify(new ScimError(status, detail).toJSON());
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
            `Content-Type: application/scim+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
            `Connection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy();
    },
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

  // No route takes plain text: such a body is a 415, not a string that a route misreads.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    ['application/scim+json', 'application/json'],
    { parseAs: 'string' },
    (req, body, done) => {
      try {
        const parsed = parseJsonBody(body as string);
        req.textProblems = parsed.textProblems;
        done(null, parsed.body);
      } catch (e) {
        done(e as Error, undefined);
      }
    },
  );

  await app.register(cors, {
    origin: [...(appDeps.allowedOrigins ?? [])],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'Accept-Language'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After'],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  });

  app.setErrorHandler((err, req, reply) => {
    const scim = toScimError(err, req.id);
    if (scim.status >= 500) req.log.error({ reqId: req.id, fault: faultOf(err) }, 'request failed');
    for (const [k, v] of Object.entries(scim.headers)) reply.header(k, v);
    return sendScim(reply, scim.status, scim.toJSON());
  });
  app.setNotFoundHandler((req, reply) =>
    sendScim(reply, 404, new ScimError(404, `No such endpoint: ${req.method} ${req.url}`).toJSON()),
  );

  // Text that cannot be stored fails the request here, unless the route (Bulk) fails just the
  // operation that holds it.
  app.addHook('preValidation', async (req) => {
    const first = req.textProblems?.[0];
    if (first && !req.routeOptions.config.perOperationText) throw textError(first);
  });

  app.addHook('onResponse', async (req) => {
    if (req.mailQueued) deps.onMailQueued();
  });

  await app.register(healthRoutes(deps.db));
  await app.register(homeRoutes(deps.db, appDeps.home));

  await app.register(
    async (tenantScope) => {
      tenantScope.addHook('onRequest', async (req) => {
        // An id or slug that cannot be stored names nothing: 404 before any query sees it.
        for (const [name, value] of Object.entries(req.params as Record<string, string>)) {
          if (badText(value, LIMITS.idLength)) {
            throw new ScimError(404, `Nothing here has the ${name} given in the URL.`);
          }
        }
        const slug = (req.params as { tenant?: string }).tenant ?? '';
        const tenant = await loadTenant(deps.db, slug);
        if (!tenant) throw new ScimError(404, `No tenant '${slug}'.`);
        req.tenant = tenant;
      });
      await tenantScope.register(sessionRoutes(services), { prefix: '/api' });
      await tenantScope.register(registrationRoutes(services));
      await tenantScope.register(async (authed) => {
        // Before the body is read: a request without a valid token is refused without its body
        // being parsed (up to 1 MB of JSON for /Bulk).
        authed.addHook('onRequest', async (req) => {
          req.actor = await authenticate(deps.db, req.tenant!, req.headers.authorization, deps.clock());
        });
        await authed.register(rosterRoutes(services), { prefix: '/api' });
        await authed.register(mailRoutes(services), { prefix: '/api' });
        await authed.register(tokenRoutes(services), { prefix: '/api' });
        await authed.register(discoveryRoutes(services), { prefix: '/scim/v2' });
        await authed.register(userRoutes(services), { prefix: '/scim/v2' });
        await authed.register(groupRoutes(services), { prefix: '/scim/v2' });
        await authed.register(bulkRoutes(services), { prefix: '/scim/v2' });
        await authed.register(rootRoutes(services), { prefix: '/scim/v2' });
      });
    },
    { prefix: '/t/:tenant' },
  );
  return app;
}
