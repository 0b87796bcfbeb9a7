import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { listResponse } from '../../scim/listResponse';
import { ScimError } from '../../scim/ScimError';
import { toScimUser, type UserRecord } from '../../scim/userResource';
import { requestCtx, sendScim, type Services } from '../services';
import type { UserSnapshot } from '../db/schema';
import { listParams } from '../scim/listQuery';
import { isStorableDate } from '../../scim/limits';
import { catalogFor } from '../../scim/pathGuard';
import { materializeFirstVersions } from '../users/userInsert';

function fromSnapshot(s: UserSnapshot): UserRecord {
  // Versions written before identity attributes were kept have none.
  return {
    ...s,
    identity: (s as Partial<UserSnapshot>).identity ?? {},
    created: new Date(s.created),
    lastModified: new Date(s.lastModified),
  };
}

const AsOf = z.object({ asOf: z.iso.datetime({ offset: true }).optional() });

/**
 * The add-in's extension endpoints: the tenant's profile, the roster as of any past time
 * (seed 000: 過去に更新した時点での情報), and the list of past update times.
 */
export const rosterRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    app.get('/profile', async (req, reply) => {
      const t = req.tenant!;
      return sendScim(reply, 200, {
        tenant: { slug: t.slug, name: t.name, userLimit: t.userLimit, passwordClasses: t.passwordClasses },
        profile: t.profile,
      });
    });

    app.get('/roster', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const q = AsOf.safeParse(req.query);
      if (!q.success)
        throw new ScimError(400, 'asOf must be an ISO 8601 date-time with a time zone.', 'invalidValue');
      const at = q.data.asOf ? new Date(q.data.asOf) : ctx.now;
      if (!isStorableDate(at))
        throw new ScimError(400, 'asOf must be a date-time of the years 0001–9999.', 'invalidValue');
      const params = listParams(req.query, catalogFor(ctx.tenant.profile, 'User'), { defaultCount: 1000 });
      // Users never changed since they were created have no history yet (userInsert.ts): their
      // first version is written now, once, so that history holds every user.
      await materializeFirstVersions(ctx.db, ctx.tenant.id);
      // Without asOf, the open versions: the roster as it is, even a change timed a moment
      // after the clock reading (changes to one row are kept in order, see saveUser).
      const live = (eb: ReturnType<typeof ctx.db.selectFrom<'user_history'>>) =>
        q.data.asOf
          ? eb
              .where('tenant_id', '=', ctx.tenant.id)
              .where('valid_from', '<=', at)
              .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>', at)]))
          : eb.where('tenant_id', '=', ctx.tenant.id).where('valid_to', 'is', null);
      const total = await live(ctx.db.selectFrom('user_history'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await live(ctx.db.selectFrom('user_history'))
        .select('data')
        .orderBy(sql`data->>'created'`)
        .orderBy('user_id')
        .offset(params.startIndex - 1)
        .limit(params.count)
        .execute();
      const resources = rows.map((r) => toScimUser(ctx.tenant.profile, fromSnapshot(r.data), ctx.baseUrl));
      const page = { totalResults: Number(total.n), startIndex: params.startIndex };
      return sendScim(reply, 200, listResponse(resources, page, { asOf: at.toISOString() }));
    });

    app.get('/roster/versions', async (req, reply) => {
      const ctx = requestCtx(services, req);
      const rows = await ctx.db
        .selectFrom('audit_log')
        .select(['at', (eb) => eb.fn.countAll<string>().as('changes')])
        .where('tenant_id', '=', ctx.tenant.id)
        .where('resource_type', 'in', ['User', 'Group'])
        .groupBy('at')
        .orderBy('at', 'desc')
        .limit(1000)
        .execute();
      return sendScim(reply, 200, {
        versions: rows.map((r) => ({ at: new Date(r.at).toISOString(), changes: Number(r.changes) })),
      });
    });
  };
