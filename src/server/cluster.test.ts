// Issue 17: three real server processes (`npm run server`'s entry) on one PostgreSQL, requests
// spread round-robin, behave as one server. PostgreSQL only (PGlite is one process by design).
import { hash } from '@node-rs/argon2';
import { startCluster, tempDataDir, type Cluster, type ServerProcess } from '../../scripts/clusterKit';
import { bulkCreate, eqUser } from '../../test/server/builders';
import { DB_KIND } from '../../test/server/harness';
import { freshSchema, onPostgres } from '../../test/server/pgSchema';
import { startSmtpPeer, type SmtpPeer } from '../../test/server/smtpPeer';
import { openDb, type Db } from './db/connect';
import { migrationProvider } from './db/migrations';
import { createApiToken, createTenant, insertAccount } from './seed/bootstrap';
import type { TenantInfo } from './context';

const onPg = DB_KIND === 'postgres' ? describe : describe.skip;

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any route
}

async function call(
  base: string,
  method: string,
  path: string,
  auth?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${auth}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

onPg('three server processes on one PostgreSQL', () => {
  // Three processes start in parallel (a few seconds each on a loaded 2-core machine).
  jest.setTimeout(90_000);
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let peer: SmtpPeer;
  let cluster: Cluster | undefined;
  let db: Db | undefined;
  let servers: ServerProcess[];
  let data: Awaited<ReturnType<typeof tempDataDir>> | undefined;
  /** The base URL of the i-th process, round-robin. */
  const at = (i: number) => servers[i % servers.length]!.url;

  /** A tenant made straight in the database, with an administrator (real argon2) and an API token. */
  async function tenant(slug: string, userLimit = 5000): Promise<{ info: TenantInfo; token: string }> {
    const info = await createTenant(
      db!,
      { slug, name: slug, profile: 'eq', userLimit, passwordClasses: 2 },
      new Date(),
    );
    await insertAccount(
      db!,
      info,
      {
        userName: 'admin01',
        displayName: '管理者',
        email: `admin01@${slug}.example.jp`,
        password: 'Admin-pass-1',
        attrs: { role: '2', canComment: '1', status: '1', remarks: '' },
      },
      (pw) => hash(pw),
      new Date(),
    );
    return { info, token: await createApiToken(db!, info, 'test', new Date()) };
  }

  beforeAll(async () => {
    schema = await freshSchema();
    peer = await startSmtpPeer();
    data = await tempDataDir();
    cluster = await startCluster(3, {
      DATABASE_URL: schema.url,
      // nodemailer takes its options from the URL's query: one pooled connection per process.
      SMTP_URL: `${peer.url}/?pool=true`,
      PUBLIC_URL: 'https://roster.example.jp',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '4',
      CPU_WORKERS: '1',
      SHUTDOWN_TIMEOUT_MS: '20000',
      DATA_DIR: data.dataDir,
    });
    servers = cluster.servers;
    db = await openDb({ kind: 'postgres', url: schema.url, poolMax: 4 });
  }, 120_000);

  afterAll(async () => {
    // Every process is stopped, also when a test or the start failed.
    await cluster?.stop();
    await db?.destroy();
    await peer?.stop();
    await schema?.drop();
    await data?.remove();
  }, 60_000);

  test('started together, they migrated once and seeded the demo once, and each is ready', async () => {
    const migrations = await onPostgres<{ n: string }>(
      `select count(*) as n from ${schema.schema}.kysely_migration`,
    );
    expect(Number(migrations[0]!.n)).toBe(Object.keys(await migrationProvider.getMigrations()).length);
    const demo = await onPostgres<{ slug: string }>(
      `select slug from ${schema.schema}.tenants where slug like 'demo-%' order by slug`,
    );
    expect(demo.map((t) => t.slug)).toEqual(['demo-eq', 'demo-jairo']);
    for (const s of servers) {
      expect((await call(s.url, 'GET', '/healthz')).status).toBe(200);
      expect((await call(s.url, 'GET', '/readyz')).body).toEqual({ ok: true });
    }
  });

  test('a session made on one process works on the others; signed out on one, refused by all', async () => {
    const { info } = await tenant('sessions');
    const signIn = await call(at(0), 'POST', `/t/${info.slug}/api/session`, undefined, {
      userName: 'admin01',
      password: 'Admin-pass-1',
    });
    expect(signIn.status).toBe(201);
    const session = signIn.body.token as string;
    for (const i of [1, 2, 0]) {
      expect((await call(at(i), 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, session)).status).toBe(200);
    }
    expect((await call(at(1), 'DELETE', `/t/${info.slug}/api/session`, session)).status).toBeLessThan(300);
    for (const i of [2, 0, 1]) {
      expect((await call(at(i), 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, session)).status).toBe(401);
    }
  });

  test('an API token revoked in the database is refused by every process at once', async () => {
    const { info, token } = await tenant('tokens');
    for (const i of [0, 1, 2]) {
      expect((await call(at(i), 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, token)).status).toBe(200);
    }
    // What a revocation does to the row (issue 12 adds the API and CLI that do it).
    await db!
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('tenant_id', '=', info.id)
      .execute();
    for (const i of [2, 1, 0]) {
      expect((await call(at(i), 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, token)).status).toBe(401);
    }
  });

  test('a token revoked through /t/{tenant}/api/tokens on one process is refused by the others at once', async () => {
    const { info } = await tenant('token-api');
    const session = (
      await call(at(0), 'POST', `/t/${info.slug}/api/session`, undefined, {
        userName: 'admin01',
        password: 'Admin-pass-1',
      })
    ).body.token as string;
    const made = await call(at(1), 'POST', `/t/${info.slug}/api/tokens`, session, { name: 'entra' });
    expect(made.status).toBe(201);
    const { token, id } = made.body as { token: string; id: string | number };
    for (const i of [0, 1, 2]) {
      expect((await call(at(i), 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, token)).status).toBe(200);
    }
    expect((await call(at(2), 'DELETE', `/t/${info.slug}/api/tokens/${id}`, session)).status).toBe(204);
    for (const i of [0, 1, 2]) {
      expect((await call(at(i), 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, token)).status).toBe(401);
    }
  });

  test('sign-in limits count across processes: 5 wrong passwords spread over three make the next one 429 on every process', async () => {
    const { info } = await tenant('signin');
    const attempt = (i: number, password: string) =>
      call(at(i), 'POST', `/t/${info.slug}/api/session`, undefined, { userName: 'admin01', password });
    for (const i of [0, 1, 2, 0, 1]) expect((await attempt(i, 'wrong-pass-1')).status).toBe(401);
    for (const i of [2, 0, 1]) expect((await attempt(i, 'wrong-pass-1')).status).toBe(429);
  });

  test('1,000 invitations queued through different processes are each mailed exactly once', async () => {
    const { info, token } = await tenant('invite');
    const ids: string[] = [];
    const bulks = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        call(at(k), 'POST', `/t/${info.slug}/scim/v2/Bulk`, token, bulkCreate(`inv${k}-`, 250)),
      ),
    );
    for (const b of bulks) {
      expect(b.status).toBe(200);
      for (const op of b.body.Operations as { status: string; location: string }[]) {
        expect(op.status).toBe('201');
        ids.push(op.location.split('/').at(-1)!);
      }
    }
    expect(ids).toHaveLength(1000);
    const before = peer.received.length;
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        call(at(k), 'POST', `/t/${info.slug}/api/invitations`, token, {
          ids: ids.slice(k * 100, k * 100 + 100),
        }),
      ),
    );
    for (const s of sent) {
      expect(s.status).toBe(200);
      expect((s.body.results as { ok: boolean }[]).every((r) => r.ok)).toBe(true);
    }
    await peer.waitFor(before + 1000, 60_000);
    // Long enough for a second sending of any mail (each process polls and is woken by requests).
    await new Promise((r) => setTimeout(r, 2000));
    const mails = peer.received.slice(before);
    expect(mails).toHaveLength(1000);
    const to = new Set(mails.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address));
    expect(to.size).toBe(1000);
    const states = await db!
      .selectFrom('mail_outbox')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('tenant_id', '=', info.id)
      .groupBy('state')
      .execute();
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['sent', 1000]]);
  });

  test('creating users concurrently through three processes never passes the contracted limit', async () => {
    const { info, token } = await tenant('limit', 40);
    const answers = await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        call(
          at(i),
          'POST',
          `/t/${info.slug}/scim/v2/Users`,
          token,
          eqUser(`lim${String(i).padStart(3, '0')}`),
        ),
      ),
    );
    const created = answers.filter((a) => a.status === 201).length;
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409 && a.status !== 400)).toEqual([]);
    const [row] = await onPostgres<{ n: string }>(
      `select count(*) as n from ${schema.schema}.users where tenant_id = $1`,
      [info.id],
    );
    // The administrator counts against the contract too.
    expect(Number(row!.n)).toBe(40);
    expect(created).toBe(39);
  });

  test('creating users concurrently through three processes never duplicates a userName or externalId', async () => {
    const { info, token } = await tenant('unique');
    // 60 requests, 10 userNames and 12 externalIds among them, the same ones on different processes.
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(
          at(i),
          'POST',
          `/t/${info.slug}/scim/v2/Users`,
          token,
          eqUser(`dup${i % 10}`, { externalId: `ext-${(i * 7) % 12}` }),
        ),
      ),
    );
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const rows = await db!
      .selectFrom('users')
      .select(['user_name', 'external_id'])
      .where('tenant_id', '=', info.id)
      .where('user_name', 'like', 'dup%')
      .execute();
    expect(rows).toHaveLength(answers.filter((a) => a.status === 201).length);
    expect(new Set(rows.map((r) => r.user_name.toLowerCase())).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
  });

  test('concurrent If-Match updates of one user through different processes have exactly one winner', async () => {
    const { info, token } = await tenant('ifmatch');
    const made = await call(at(0), 'POST', `/t/${info.slug}/scim/v2/Users`, token, eqUser('target'));
    expect(made.status).toBe(201);
    const etag = made.headers.get('etag')!;
    const answers = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        call(
          at(i),
          'PATCH',
          `/t/${info.slug}/scim/v2/Users/${made.body.id}`,
          token,
          {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [{ op: 'replace', path: 'displayName', value: `勝者${i}` }],
          },
          { 'if-match': etag },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412, 412]);
    const winner = answers.find((a) => a.status === 200)!;
    const now = await call(at(1), 'GET', `/t/${info.slug}/scim/v2/Users/${made.body.id}`, token);
    expect(now.body.displayName).toBe(winner.body.displayName);
  });

  test('killing one process mid-Bulk loses nothing it acknowledged, and the others go on', async () => {
    const { info, token } = await tenant('kill');
    const victim = servers[2]!;
    const acknowledged: string[] = [];
    let answered = 0;
    let cut = 0;
    let killed = false;
    let inFlight = 0;
    let inFlightAtKill = 0;
    const statuses: number[] = [];
    // Three clients, each sending Bulk after Bulk to the victim; it is killed after three answers.
    const client = async (c: number) => {
      for (let k = 0; !killed || k === 0; k++) {
        inFlight++;
        const r = await call(
          victim.url,
          'POST',
          `/t/${info.slug}/scim/v2/Bulk`,
          token,
          bulkCreate(`k${c}x${k}-`, 200),
        ).then(
          (answer) => answer,
          () => undefined, // the connection died with the process: nothing was acknowledged
        );
        inFlight--;
        if (!r) {
          cut++;
          return;
        }
        statuses.push(r.status);
        for (const op of (r.body.Operations ?? []) as { status: string; location?: string }[]) {
          if (op.status === '201') acknowledged.push(op.location!.split('/').at(-1)!);
        }
        if (++answered === 3 && !killed) {
          killed = true;
          inFlightAtKill = inFlight;
          victim.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2].map(client));
    expect(await victim.exited).toBe('SIGKILL');
    expect(statuses.every((st) => st === 200)).toBe(true);
    // Bulk requests were on their way or being worked on when the process died.
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(600);
    const found = await db!
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', info.id)
      .where('id', 'in', acknowledged)
      .execute();
    expect(found).toHaveLength(acknowledged.length);
    // The proxy skips the dead process: every request still gets an answer.
    for (let i = 0; i < 4; i++) {
      expect(
        (await call(cluster!.proxy.url, 'GET', `/t/${info.slug}/scim/v2/Users?count=1`, token)).status,
      ).toBe(200);
    }
  });

  test('on SIGTERM a process finishes the request in flight, exits 0 before its time limit, and takes no more', async () => {
    const { info, token } = await tenant('sigterm');
    const leaving = servers[1]!;
    const inFlight = call(
      leaving.url,
      'POST',
      `/t/${info.slug}/scim/v2/Bulk`,
      token,
      bulkCreate('term-', 2000),
    );
    // Until the request is being worked on: its transaction holds the tenant's row (users are
    // created under that row's lock, users/userService.ts), so taking it without waiting fails.
    for (let k = 0; k < 400; k++) {
      const held = await onPostgres(
        `select id from ${schema.schema}.tenants where id = $1 for update nowait`,
        [info.id],
      ).then(
        () => false,
        (e: { code?: string }) => e.code === '55P03',
      );
      if (held) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    leaving.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect((answer.body.Operations as { status: string }[]).filter((o) => o.status === '201')).toHaveLength(
      2000,
    );
    expect(await leaving.exited).toBe(0);
    await expect(fetch(`${leaving.url}/healthz`)).rejects.toThrow();
  });
});
