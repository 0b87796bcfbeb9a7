import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { filter as filterOf, parse } from 'scim2-parse-filter';
import { scimPatch, type ScimPatchOperation } from 'scim-patch';
import { SCHEMA_PATCH } from '../../scim/constants';
import { listResponse } from '../../scim/listResponse';
import { listParam, project } from '../../scim/projection';
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
import { listParams } from './listQuery';

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
  const b = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(b?.schemas) || !b.schemas.includes(SCHEMA_PATCH) || !Array.isArray(b.Operations)) {
    throw new ScimError(
      400,
      `Not a PatchOp: schemas must include ${SCHEMA_PATCH} and Operations a list.`,
      'invalidSyntax',
    );
  }
  const resource = toScimGroup(current, ctx.baseUrl, new Map());
  try {
    const patched = scimPatch(resource as never, b.Operations as ScimPatchOperation[], {
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

/** /Groups (RFC 7644 3.3–3.6). Groups are few, so lists are filtered in memory. */
export const groupRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.post('/Groups', async (req, reply) => {
      const ctx = requestCtx(services, req);
      return sendGroup(ctx, reply, 201, await createGroup(ctx, parseGroupBody(req.body)));
    });

    app.get('/Groups', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const params = listParams(req.query);
      let resources = await Promise.all(
        (await loadGroups(ctx.db, ctx.tenant.id)).map((g) => scimGroup(ctx, g)),
      );
      if (params.filter) {
        let test: (r: unknown) => boolean;
        try {
          test = filterOf(parse(params.filter));
        } catch (e) {
          throw new ScimError(400, `The filter cannot be parsed: ${(e as Error).message}`, 'invalidFilter');
        }
        resources = resources.filter(test);
      }
      const page = resources.slice(params.startIndex - 1, params.startIndex - 1 + params.count);
      const attributes = listParam(params.attributes);
      const excluded = listParam(params.excludedAttributes);
      const shaped = page.map((r) => project(r, attributes, excluded));
      return sendScim(
        reply,
        200,
        listResponse(shaped, { totalResults: resources.length, startIndex: params.startIndex }),
      );
    });

    app.get<{ Params: { id: string } }>('/Groups/:id', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const [g] = await loadGroups(ctx.db, ctx.tenant.id, [req.params.id]);
      if (!g) throw new ScimError(404, `No group with id '${req.params.id}'.`);
      const query = req.query as { attributes?: string; excludedAttributes?: string };
      reply.header('ETag', etagOf(g.version));
      return sendScim(
        reply,
        200,
        project(await scimGroup(ctx, g), listParam(query.attributes), listParam(query.excludedAttributes)),
      );
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
