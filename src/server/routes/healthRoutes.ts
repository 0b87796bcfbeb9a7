import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../db/connect';
import { migrationProvider } from '../db/migrations';

/** How long /readyz waits for the database before saying the process is not ready. */
const READY_TIMEOUT_MS = 2000;

/**
 * Health for load balancers (docs/OPERATIONS.md, "Running several processes"):
 * `GET /healthz`, the process is alive (no database call: a slow database must not get a live
 * process restarted); `GET /readyz`, the database answers and every migration has run, so this
 * process may be given traffic. While the process shuts down, Fastify answers every new request,
 * these included, with 503 (its `return503OnClosing`), which takes it out of rotation.
 */
export const healthRoutes =
  (db: Db): FastifyPluginAsync =>
  async (app) => {
    const expected = Object.keys(await migrationProvider.getMigrations()).length;
    app.get('/healthz', async () => ({ ok: true }));
    app.get('/readyz', async (req, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the database did not answer in time')),
            READY_TIMEOUT_MS,
          );
        });
        // Kysely's migration table, in this connection's schema (search_path), as the migrator
        // keeps it (db/connect.ts).
        const { rows } = await Promise.race([
          sql<{ n: string }>`select count(*) as n from kysely_migration`.execute(db),
          timeout,
        ]);
        const done = Number(rows[0]!.n);
        if (done < expected) {
          return reply.code(503).send({ ok: false, detail: `${done} of ${expected} migrations have run.` });
        }
        return { ok: true };
      } catch (err) {
        req.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'not ready');
        return reply.code(503).send({ ok: false, detail: 'The database cannot be reached.' });
      } finally {
        clearTimeout(timer);
      }
    });
  };
