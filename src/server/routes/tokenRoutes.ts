import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ScimError } from '../../scim/ScimError';
import { createToken, listTokens, revokeToken } from '../auth/apiTokens';
import { sendScim, type Services } from '../services';

const NewToken = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** Only a signed-in administrator manages tokens: an API token cannot mint more of itself. */
function signedInAdmin(req: FastifyRequest): string {
  if (!req.actor?.userName) {
    throw new ScimError(
      403,
      'API tokens are managed by a signed-in administrator (the add-in or POST /api/session), not with an API token.',
    );
  }
  return req.actor.label;
}

/** The tenant's API tokens: GET/POST /t/:tenant/api/tokens, DELETE /t/:tenant/api/tokens/:id. */
export const tokenRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const { deps } = services;
    app.get('/tokens', async (req, reply) => {
      signedInAdmin(req);
      return sendScim(reply, 200, { tokens: await listTokens(deps.db, req.tenant!) });
    });

    app.post('/tokens', { bodyLimit: 4096 }, async (req, reply) => {
      const createdBy = signedInAdmin(req);
      const body = NewToken.safeParse(req.body ?? {});
      if (!body.success) {
        const why = body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        throw new ScimError(
          400,
          `Send {"name": "…", "expiresInDays": 1–3650 (optional)}. ${why}`,
          'invalidValue',
        );
      }
      const now = deps.clock();
      const days = body.data.expiresInDays;
      const expiresAt = days === undefined ? null : new Date(now.getTime() + days * 86400_000);
      const made = await createToken(
        deps.db,
        req.tenant!,
        { name: body.data.name, createdBy, expiresAt },
        now,
      );
      return sendScim(reply.header('cache-control', 'no-store'), 201, made);
    });

    app.delete<{ Params: { id: string } }>('/tokens/:id', async (req, reply) => {
      const actor = signedInAdmin(req);
      if (!(await revokeToken(deps.db, req.tenant!, req.params.id, actor, deps.clock()))) {
        throw new ScimError(404, `No API token with id '${req.params.id}'.`);
      }
      return reply.code(204).send();
    });
  };
