import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ScimError } from '../../scim/ScimError';
import { requestCtx, sendScim, type Services } from '../services';
import { sendInvitations } from '../registration/invitations';

const Invite = z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(10000) });

/** The mails the admin should know about: what is waiting and what failed, newest first. */
const SHOWN_STATES = ['pending', 'sending', 'failed'] as const;

/**
 * Registration mail for users who have not registered, and what became of the tenant's mail:
 * the outbox is how the admin sees failures (a wrong address, a refusing SMTP server).
 */
export const mailRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.post('/invitations', async (req, reply) => {
      const body = Invite.safeParse(req.body);
      if (!body.success) {
        throw new ScimError(400, 'Send {"ids": [user ids]}: 1 to 10,000 ids.', 'invalidValue');
      }
      const results = await sendInvitations(requestCtx(services, req), body.data.ids);
      return sendScim(reply, 200, { results });
    });

    app.post<{ Params: { id: string } }>('/users/:id/invitation', async (req, reply) => {
      const [result] = await sendInvitations(requestCtx(services, req), [req.params.id]);
      if (!result!.ok) {
        const headers: Record<string, string> =
          result!.status === 429 ? { 'Retry-After': String(result!.retryAfter) } : {};
        throw new ScimError(result!.status, result!.detail, undefined, [], headers);
      }
      return sendScim(reply, 200, result);
    });

    app.get('/mail', async (req, reply) => {
      const { db, tenant } = requestCtx(services, req);
      const counts = await db
        .selectFrom('mail_outbox')
        .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
        .where('tenant_id', '=', tenant.id)
        .groupBy('state')
        .execute();
      const mails = await db
        .selectFrom('mail_outbox')
        .select([
          'id',
          'user_id',
          'kind',
          'to_address',
          'state',
          'attempts',
          'last_error',
          'created_at',
          'next_attempt_at',
        ])
        .where('tenant_id', '=', tenant.id)
        .where('state', 'in', SHOWN_STATES)
        .orderBy('id', 'desc')
        .limit(200)
        .execute();
      return sendScim(reply, 200, {
        counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])),
        mails: mails.map((m) => ({
          id: String(m.id),
          userId: m.user_id,
          kind: m.kind,
          to: m.to_address,
          state: m.state,
          attempts: m.attempts,
          lastError: m.last_error,
          created: new Date(m.created_at).toISOString(),
          nextAttempt: m.state === 'failed' ? null : new Date(m.next_attempt_at).toISOString(),
        })),
      });
    });

    app.post('/mail/retry', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const retried = await ctx.db
        .updateTable('mail_outbox')
        .set({ state: 'pending', attempts: 0, next_attempt_at: ctx.now })
        .where('tenant_id', '=', ctx.tenant.id)
        .where('state', '=', 'failed')
        // A password mail given up has no body left to send (the password was deleted).
        .where('body', 'is not', null)
        .returning('id')
        .execute();
      if (retried.length > 0) ctx.mailQueued();
      return sendScim(reply, 200, { retried: retried.length });
    });
  };
