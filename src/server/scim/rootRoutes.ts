import type { FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../scim/limits';
import { listResponse } from '../../scim/listResponse';
import { catalogFor } from '../../scim/pathGuard';
import { projector } from '../../scim/projection';
import { ScimError } from '../../scim/ScimError';
import { toScimUser } from '../../scim/userResource';
import { requestCtx, sendScim, type Services } from '../services';
import { listGroups } from './groupRoutes';
import { listParams, type ListParams } from './listQuery';
import { listUsers } from './userList';

/** List parameters for one resource type, or the 400 that says why they do not apply to it. */
function paramsFor(parse: () => ListParams): ListParams | ScimError {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ScimError && e.status === 400) return e;
    throw e;
  }
}

/**
 * The service root: `POST /.search` over Users and Groups (RFC 7644 3.4.3), and `/Me`, which
 * this service does not offer (RFC 7644 3.11: 501).
 */
export const rootRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.post('/.search', { bodyLimit: LIMITS.searchBody }, async (req, reply) => {
      const ctx = requestCtx(services, req);
      const { profile } = ctx.tenant;
      const raw = req.body ?? {};
      // A filter may name attributes of only one type: that type is searched, the other not.
      const users = paramsFor(() => listParams(raw, catalogFor(profile, 'User')));
      const groups = paramsFor(() => listParams(raw, catalogFor(profile, 'Group')));
      if (users instanceof ScimError && groups instanceof ScimError) throw users;
      const first = users instanceof ScimError ? (groups as ListParams) : users;
      const { startIndex, count } = first;
      const resources: Record<string, unknown>[] = [];
      let total = 0;
      if (!(users instanceof ScimError)) {
        const found = await listUsers(ctx, users);
        total += found.total;
        const projected = projector(users.attributes, users.excludedAttributes);
        resources.push(...found.users.map((u) => projected(toScimUser(profile, u, ctx.baseUrl))));
      }
      if (!(groups instanceof ScimError)) {
        const userTotal = total;
        // Groups continue the numbering after the users.
        const all = await listGroups(ctx, { ...groups, startIndex: 1, count: Number.MAX_SAFE_INTEGER });
        total += all.total;
        const from = Math.max(0, startIndex - 1 - userTotal);
        resources.push(...all.resources.slice(from, from + Math.max(0, count - resources.length)));
      }
      return sendScim(reply, 200, listResponse(resources, { totalResults: total, startIndex }));
    });

    app.all('/Me', async (_req, reply) =>
      sendScim(
        reply,
        501,
        new ScimError(
          501,
          '/Me is not offered: sign-ins here are administrators and API tokens, not users.',
        ).toJSON(),
      ),
    );
  };
