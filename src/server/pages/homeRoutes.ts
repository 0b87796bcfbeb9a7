import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connect';
import { localeOf } from '../services';
import { homePage } from './homePage';
import type { HomeOptions } from './homeOptions';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Every file under `dir`, as URL paths ('assets/icon-32.png'). */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => statSync(join(dir, f)).isFile() && TYPES[extname(f)] !== undefined);
}

/** `/` (what this server is), `/docs/operations`, and the built pane's files. */
export function homeRoutes(db: Db, options: HomeOptions = {}) {
  return async (app: FastifyInstance) => {
    const paneDir = options.paneDir;
    const paneFiles = paneDir && existsSync(join(paneDir, 'taskpane.html')) ? filesUnder(paneDir) : [];
    // One route per built file: nothing outside the build can be asked for.
    for (const file of paneFiles) {
      app.get(`/${file}`, async (_req, reply) =>
        reply.type(TYPES[extname(file)]!).send(readFileSync(join(paneDir!, file))),
      );
    }
    const docs = (options.docs ?? ['docs/OPERATIONS.md', 'README.md']).find((f) => existsSync(f));

    app.get('/', async (req, reply) => {
      const query = (req.query as { lang?: string }).lang;
      const locale = query === 'ja' || query === 'en' ? query : localeOf(req);
      const tenants = await db
        .selectFrom('tenants')
        .select(['slug', 'name', 'profile'])
        .orderBy('slug')
        .execute();
      const nonce = randomBytes(16).toString('base64');
      const dev = options.addinDevUrl?.replace(/\/$/, '');
      const html = homePage({
        locale,
        nonce,
        origin: `${req.protocol}://${req.host}`,
        addinBase: dev ?? '',
        addinServed: dev !== undefined || paneFiles.length > 0,
        harness: dev !== undefined,
        tenants,
      });
      return reply
        .type('text/html; charset=utf-8')
        .header(
          'content-security-policy',
          `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(html);
    });

    app.get('/docs/operations', async (_req, reply) => {
      if (!docs) return reply.code(404).type('text/plain; charset=utf-8').send('No operator notes here.');
      return reply.type('text/plain; charset=utf-8').send(readFileSync(docs, 'utf8'));
    });
  };
}
