import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { scimPatch } from 'scim-patch';
import { SCHEMA_LIST } from '../../scim/constants';
import { LIMITS } from '../../scim/limits';
import { listResponse } from '../../scim/listResponse';
import { catalogFor } from '../../scim/pathGuard';
import { project, projector } from '../../scim/projection';
import { ScimError } from '../../scim/ScimError';
import {
  etagOf,
  parseUserBody,
  toScimUser,
  versionOfEtag,
  type UserInput,
  type UserRecord,
} from '../../scim/userResource';
import { requestCtx, sendScim, type Services } from '../services';
import type { RequestCtx } from '../context';
import { createUsers, deleteUser, updateUser } from '../users/userService';
import { loadUsers, type StoredUser } from '../users/userStore';
import { listParams } from './listQuery';
import { patchOperations } from './patchBody';
import { listUsers, listUsersByCursor } from './userList';

/** Applies SCIM PATCH operations (RFC 7644 3.5.2) to a user and reads the result back as a body. */
export function patchedInput(ctx: RequestCtx, current: StoredUser, body: unknown): UserInput {
  const operations = patchOperations(catalogFor(ctx.tenant.profile, 'User'), body);
  // `active` is the account's state, always true or false: it can be replaced, not removed.
  if (operations.some((o) => o.op === 'remove' && /^active$/i.test(o.path ?? ''))) {
    throw new ScimError(400, "'active' cannot be removed: replace it with true or false.", 'invalidValue');
  }
  const resource = toScimUser(ctx.tenant.profile, current, ctx.baseUrl);
  let patched: Record<string, unknown>;
  try {
    // treatMissingAsAdd false: a filter that matches nothing is an error, not a silent add.
    patched = scimPatch(resource as never, operations, {
      mutateDocument: false,
      treatMissingAsAdd: false,
    }) as Record<string, unknown>;
  } catch (e) {
    const err = e as { scimType?: string; message?: string };
    const scimType =
      err.scimType === 'noTarget' || err.scimType === 'invalidPath' ? err.scimType : 'invalidValue';
    throw new ScimError(400, err.message ?? 'The patch cannot be applied.', scimType);
  }
  return parseUserBody(ctx.tenant.profile, patched);
}

function sendUser(ctx: RequestCtx, reply: FastifyReply, status: number, user: StoredUser) {
  reply.header('ETag', etagOf(user.version));
  if (status === 201) reply.header('Location', `${ctx.baseUrl}/Users/${user.id}`);
  return sendScim(reply, status, toScimUser(ctx.tenant.profile, user, ctx.baseUrl));
}

async function sendList(services: Services, req: FastifyRequest, reply: FastifyReply, raw: unknown) {
  const ctx = requestCtx(services, req);
  const params = listParams(raw, catalogFor(ctx.tenant.profile, 'User'), { cursorPaging: true });
  const projected = projector(params.attributes, params.excludedAttributes);
  const toResource = (u: UserRecord) => projected(toScimUser(ctx.tenant.profile, u, ctx.baseUrl));
  if (params.cursor !== undefined) {
    // RFC 9865 Section 2: no startIndex in a cursor page; nextCursor while more pages follow.
    const { total, users, nextCursor, previousCursor } = await listUsersByCursor(ctx, params);
    return sendScim(reply, 200, {
      schemas: [SCHEMA_LIST],
      totalResults: total,
      itemsPerPage: users.length,
      ...(previousCursor ? { previousCursor } : {}),
      ...(nextCursor ? { nextCursor } : {}),
      Resources: users.map(toResource),
    });
  }
  const { total, users } = await listUsers(ctx, params);
  return sendScim(
    reply,
    200,
    listResponse(users.map(toResource), { totalResults: total, startIndex: params.startIndex }),
  );
}

/** /Users: create, read, list/search, replace, patch, delete (RFC 7644 3.3–3.6). */
export const userRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.post('/Users', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const input = parseUserBody(ctx.tenant.profile, req.body);
      const [outcome] = await createUsers(ctx, [input]);
      if (!outcome!.ok) throw outcome!.error;
      return sendUser(ctx, reply, 201, outcome!.value);
    });

    app.get('/Users', (req, reply) => sendList(services, req, reply, req.query));
    app.post('/Users/.search', { bodyLimit: LIMITS.searchBody }, (req, reply) =>
      sendList(services, req, reply, req.body),
    );

    app.get<{ Params: { id: string } }>('/Users/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const user = (await loadUsers(ctx.db, ctx.tenant.id, [req.params.id])).get(req.params.id);
      if (!user || user.hidden) throw new ScimError(404, `No user with id '${req.params.id}'.`);
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((t) => versionOfEtag(t) === user.version)) {
        return reply.code(304).header('ETag', etagOf(user.version)).send();
      }
      const { attributes, excludedAttributes } = listParams(
        req.query,
        catalogFor(ctx.tenant.profile, 'User'),
      );
      reply.header('ETag', etagOf(user.version));
      return sendScim(
        reply,
        200,
        project(toScimUser(ctx.tenant.profile, user, ctx.baseUrl), attributes, excludedAttributes),
      );
    });

    app.put<{ Params: { id: string } }>('/Users/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const input = parseUserBody(ctx.tenant.profile, req.body);
      const user = await updateUser(ctx, req.params.id, () => input, { ifMatch: req.headers['if-match'] });
      return sendUser(ctx, reply, 200, user);
    });

    app.patch<{ Params: { id: string } }>('/Users/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const user = await updateUser(ctx, req.params.id, (current) => patchedInput(ctx, current, req.body), {
        ifMatch: req.headers['if-match'],
      });
      return sendUser(ctx, reply, 200, user);
    });

    app.delete<{ Params: { id: string } }>('/Users/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      await deleteUser(ctx, req.params.id, { ifMatch: req.headers['if-match'] });
      return reply.code(204).send();
    });
  };
