import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ScimError } from '../../scim/ScimError';
import { sendScim, type Services } from '../services';
import { authenticate, isAdministrator, unauthorized } from '../auth/authenticate';
import { hashToken, newToken } from '../auth/tokens';
import { loadUserByUserName } from '../users/userStore';
import { claimSignIn, signInSucceeded } from '../auth/signInThrottle';

const SignIn = z.object({ userName: z.string().min(1).max(256), password: z.string().min(1).max(1024) });

// A real argon2id hash of a random string: verifying against it when the user does not exist
// costs the same time as a wrong password, so the answer's timing does not reveal user IDs.
let dummyHash: Promise<string> | undefined;

/** Sign-in and sign-out of administrators: POST/DELETE /t/:tenant/api/session. */
export const sessionRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const { deps } = services;
    app.post('/session', async (req, reply) => {
      const tenant = req.tenant!;
      const body = SignIn.safeParse(req.body);
      if (!body.success) throw new ScimError(400, 'Send userName and password.', 'invalidValue');
      // The account is throttled per client address, so guessing from one address never locks
      // its owner out elsewhere; the address is throttled across accounts too.
      const accountKey = `acct:${tenant.id}:${body.data.userName.toLowerCase()}@${req.ip}`;
      const addressKey = `addr:${req.ip}`;
      const now = deps.clock();
      const wait = await claimSignIn(
        deps.db,
        [
          { key: accountKey, limit: deps.loginFailuresPerUser },
          { key: addressKey, limit: deps.loginFailuresPerAddress },
        ],
        now,
      );
      if (wait > 0) {
        throw new ScimError(429, 'Too many failed sign-ins: wait and try again.', undefined, [], {
          'Retry-After': String(wait),
        });
      }
      const user = await loadUserByUserName(deps.db, tenant.id, body.data.userName);
      dummyHash ??= deps.hashPassword(newToken('session'));
      const ok = await deps.verifyPassword(user?.passwordHash ?? (await dummyHash), body.data.password);
      if (!user || !user.passwordHash || !ok) throw unauthorized('The user ID or password is wrong.');
      await signInSucceeded(deps.db, accountKey, addressKey, now);
      if (!isAdministrator(tenant.profile, user))
        throw new ScimError(403, 'Only administrators may sign in here.');
      const token = newToken('session');
      const expiresAt = new Date(deps.clock().getTime() + deps.sessionMinutes * 60_000);
      await deps.db
        .insertInto('sessions')
        .values({
          token_hash: hashToken(token),
          tenant_id: tenant.id,
          user_id: user.id,
          created_at: deps.clock(),
          expires_at: expiresAt,
          revoked_at: null,
        })
        .execute();
      return sendScim(reply, 201, {
        token,
        expiresAt: expiresAt.toISOString(),
        user: { id: user.id, userName: user.userName, displayName: user.displayName },
        tenant: { slug: tenant.slug, name: tenant.name, profile: tenant.profile.id },
      });
    });

    app.delete('/session', async (req, reply) => {
      await authenticate(deps.db, req.tenant!, req.headers.authorization, deps.clock());
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')![1]!;
      await deps.db
        .updateTable('sessions')
        .set({ revoked_at: deps.clock() })
        .where('token_hash', '=', hashToken(token))
        .execute();
      return reply.code(204).send();
    });
  };
