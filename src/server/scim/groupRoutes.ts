import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { filter as filterOf, type Filter } from 'scim2-parse-filter';
import { SCHEMA_GROUP } from '../../scim/constants';
import { scimPatch } from 'scim-patch';
import { LIMITS } from '../../scim/limits';
import { listResponse } from '../../scim/listResponse';
import { catalogFor } from '../../scim/pathGuard';
import { project } from '../../scim/projection';
import { ScimError } from '../../scim/ScimError';
import { etagOf } from '../../scim/userResource';
import { requestCtx, sendScim, type Services } from '../services';
import type { RequestCtx } from '../context';
import {
  createGroup,
  deleteGroup,
  loadGroups,
  parseGroupBody,
  toScimGroup,
  updateGroup,
  userNames,
  type GroupInput,
  type GroupRecord,
} from '../groups/groupService';
import { listParams, type ListParams } from './listQuery';
import { patchOperations } from './patchBody';

async function scimGroup(ctx: RequestCtx, g: GroupRecord) {
  return toScimGroup(g, ctx.baseUrl, await userNames(ctx.db, ctx.tenant.id, g.members));
}

async function sendGroup(ctx: RequestCtx, reply: FastifyReply, status: number, g: GroupRecord) {
  reply.header('ETag', etagOf(g.version));
  if (status === 201) reply.header('Location', `${ctx.baseUrl}/Groups/${g.id}`);
  return sendScim(reply, status, await scimGroup(ctx, g));
}

/** PATCH on a group (RFC 7644 3.5.2): Entra's `Add`/`Remove` of members included. */
export function patchedGroup(ctx: RequestCtx, current: GroupRecord, body: unknown): GroupInput {
  const operations = patchOperations(catalogFor(ctx.tenant.profile, 'Group'), body);
  const resource = toScimGroup(current, ctx.baseUrl, new Map());
  try {
    const patched = scimPatch(resource as never, operations, {
      mutateDocument: false,
      treatMissingAsAdd: false,
    });
    return parseGroupBody(patched);
  } catch (e) {
    if (e instanceof ScimError) throw e;
    const err = e as { scimType?: string; message?: string };
    throw new ScimError(
      400,
      err.message ?? 'The patch cannot be applied.',
      err.scimType === 'noTarget' ? 'noTarget' : 'invalidValue',
    );
  }
}

/**
 * A list filter over Group resources: names may carry the Group schema's URN (RFC 7644 3.10),
 * and `displayName` compares without regard to case (caseExact false, like its unique index).
 */
function groupMatcher(ast: Filter): (g: Record<string, unknown>) => boolean {
  const urn = `${SCHEMA_GROUP.toLowerCase()}:`;
  const norm = (f: Filter): Filter => {
    const node = { ...f } as Record<string, unknown>;
    if (typeof node.attrPath === 'string' && node.attrPath.toLowerCase().startsWith(urn)) {
      node.attrPath = node.attrPath.slice(urn.length);
    }
    if (typeof node.attrPath === 'string' && node.attrPath.toLowerCase() === 'displayname') {
      if (typeof node.compValue === 'string') node.compValue = node.compValue.toLowerCase();
    }
    if (Array.isArray(node.filters)) node.filters = (node.filters as Filter[]).map(norm);
    if (node.filter) node.filter = norm(node.filter as Filter);
    if (node.valFilter) node.valFilter = norm(node.valFilter as Filter);
    return node as unknown as Filter;
  };
  const test = filterOf(norm(ast));
  return (g) => test({ ...g, displayName: String(g.displayName ?? '').toLowerCase() });
}

/** One page of groups matching the list parameters (groups are few: filtered in memory). */
export async function listGroups(
  ctx: RequestCtx,
  params: ListParams,
): Promise<{ total: number; resources: Record<string, unknown>[] }> {
  let resources = await Promise.all((await loadGroups(ctx.db, ctx.tenant.id)).map((g) => scimGroup(ctx, g)));
  if (params.filter) resources = resources.filter(groupMatcher(params.filter));
  const page = resources.slice(params.startIndex - 1, params.startIndex - 1 + params.count);
  return {
    total: resources.length,
    resources: page.map((r) => project(r, params.attributes, params.excludedAttributes)),
  };
}

/** /Groups (RFC 7644 3.3–3.6). Groups are few, so lists are filtered in memory. */
export const groupRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.post('/Groups', async (req, reply) => {
      const ctx = requestCtx(services, req);
      return sendGroup(ctx, reply, 201, await createGroup(ctx, parseGroupBody(req.body)));
    });

    const sendList = async (req: FastifyRequest, reply: FastifyReply, raw: unknown) => {
      const ctx = requestCtx(services, req);
      const params = listParams(raw, catalogFor(ctx.tenant.profile, 'Group'));
      const { total, resources } = await listGroups(ctx, params);
      return sendScim(
        reply,
        200,
        listResponse(resources, { totalResults: total, startIndex: params.startIndex }),
      );
    };
    app.get('/Groups', (req, reply) => sendList(req, reply, req.query));
    app.post('/Groups/.search', { bodyLimit: LIMITS.searchBody }, (req, reply) =>
      sendList(req, reply, req.body),
    );

    app.get<{ Params: { id: string } }>('/Groups/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const [g] = await loadGroups(ctx.db, ctx.tenant.id, [req.params.id]);
      if (!g) throw new ScimError(404, `No group with id '${req.params.id}'.`);
      const { attributes, excludedAttributes } = listParams(
        req.query,
        catalogFor(ctx.tenant.profile, 'Group'),
      );
      reply.header('ETag', etagOf(g.version));
      return sendScim(reply, 200, project(await scimGroup(ctx, g), attributes, excludedAttributes));
    });

    app.put<{ Params: { id: string } }>('/Groups/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const input = parseGroupBody(req.body);
      return sendGroup(
        ctx,
        reply,
        200,
        await updateGroup(ctx, req.params.id, () => input, { ifMatch: req.headers['if-match'] }),
      );
    });

    app.patch<{ Params: { id: string } }>('/Groups/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const g = await updateGroup(ctx, req.params.id, (cur) => patchedGroup(ctx, cur, req.body), {
        ifMatch: req.headers['if-match'],
      });
      return sendGroup(ctx, reply, 200, g);
    });

    app.delete<{ Params: { id: string } }>('/Groups/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      await deleteGroup(ctx, req.params.id, { ifMatch: req.headers['if-match'] });
      return reply.code(204).send();
    });
  };
