import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { buildApp } from './app';
import { sharedCpuPool } from './cpu/CpuPool';
import { freezeBuiltinPrototypes } from './harden';
import { loadConfig, type Config } from './config';
import { loadOrCreateKeyFile, parseMailKey, useMailKey } from './mail/mailSecret';
import { DataFolderBusy } from './db/dataLock';
import { openConfigured } from './db/openConfigured';
import { withStartLock } from './db/startLock';
import { MailOutbox } from './mail/MailOutbox';
import { folderTransport, smtpTransport } from './mail/transports';
import { seedDemo } from './seed/demo';

/** Where the demo administrators' generated passwords are kept (outside the repository). */
function credentialsFile(dataDir: string): string {
  return join(dirname(dataDir), 'demo-credentials.json');
}

/** The outbox's key: MAIL_SECRET_KEY, else the key file in the data folder (made at first start). */
async function loadMailKey(config: Config): Promise<string> {
  if (config.MAIL_SECRET_KEY) {
    useMailKey(parseMailKey(config.MAIL_SECRET_KEY));
    return 'MAIL_SECRET_KEY';
  }
  const file = join(config.DATA_DIR, 'mail-secret.key');
  const { key, created } = await loadOrCreateKeyFile(file);
  useMailKey(key);
  return `${file}${created ? ' (made now)' : ''}`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  // A PGlite data folder is this process's alone until it stops (issue 12: one owner).
  const { db, close } = await openConfigured(config, 'server');
  const mailKey = await loadMailKey(config);

  const file = credentialsFile(config.DATA_DIR);
  // Of N processes starting together on one PostgreSQL, the first seeds an empty database under
  // the lock; the others then find it seeded.
  const seed = () => seedDemo(db, new Date(), (pw) => hash(pw));
  const created = config.DATABASE_URL
    ? await withStartLock(config.DATABASE_URL, 'demo-seed', seed)
    : await seed();
  if (created.length > 0) {
    await mkdir(dirname(file), { recursive: true });
    // Readable by its owner only: the demo administrators' passwords.
    await writeFile(file, JSON.stringify(created, null, 2), { mode: 0o600 });
    await chmod(file, 0o600); // also when an older file was there
  }
  // The worker needs the app's logger, the app needs the worker's wake: a holder ties them.
  const mail: { outbox?: MailOutbox } = {};
  const app = await buildApp({
    db,
    logger: {
      level: config.LOG_LEVEL,
      ...((config.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty'
        ? {
            transport: {
              target: 'pino-pretty',
              options: {
                colorize: process.stdout.isTTY || process.env.FORCE_COLOR === '1',
                translateTime: 'SYS:HH:MM:ss',
                ignore: 'pid,hostname',
              },
            },
          }
        : {}),
    },
    allowedOrigins: config.ALLOWED_ORIGINS.split(',').map((o) => o.trim()),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    home: {
      paneDir: config.PANE_DIR,
      ...(config.ADDIN_DEV_URL ? { addinDevUrl: config.ADDIN_DEV_URL } : {}),
    },
    ...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY } : {}),
    onMailQueued: () => mail.outbox?.wake(),
  });
  // Everything is loaded and built: from here on, no request can change a built-in prototype.
  freezeBuiltinPrototypes();
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const outbox = new MailOutbox({
    db,
    transport: config.SMTP_URL ? smtpTransport(config.SMTP_URL) : folderTransport(config.OUTBOX_DIR),
    from: config.MAIL_FROM,
    log: app.log,
  });
  mail.outbox = outbox;
  outbox.start();
  app.log.info({ mailKey }, 'mail waits in the outbox encrypted');
  if (!config.PUBLIC_URL) {
    app.log.warn(
      { linksIn: address },
      'PUBLIC_URL is not set: links in mail point at the listen address; set PUBLIC_URL to the address people reach the server at.',
    );
  }
  if (config.DATABASE_URL && !config.MAIL_SECRET_KEY) {
    app.log.warn(
      'MAIL_SECRET_KEY is not set: the mail key is in a file of this machine; servers sharing the database need the same MAIL_SECRET_KEY.',
    );
  }

  // One block, ending with an empty line (scripts/start.ts takes it into its banner). The demo
  // passwords are shown once, when made; later starts say where they are kept.
  const lines = [
    `Roster server: ${address}/`,
    `  Database: ${config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.DATA_DIR}`}`,
    `  Mail: ${config.SMTP_URL ? 'SMTP (SMTP_URL)' : `no SMTP_URL: each mail is written as an .eml file into ${config.OUTBOX_DIR}`}`,
    ...(created.length > 0
      ? [
          `  Demo tenants made now. Their administrators' passwords are shown this once and kept in ${file} (readable only by you):`,
          ...created.map((d) => `    ${d.tenant.padEnd(12)} user ${d.userName}  password ${d.password}`),
        ]
      : existsSync(file)
        ? [`  Demo sign-in (tenants demo-eq, demo-jairo): the passwords are in ${file}`]
        : []),
    '',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Bounded: requests still running after SHUTDOWN_TIMEOUT_MS are cut and the process exits 1.
    setTimeout(() => {
      app.log.warn({ ms: config.SHUTDOWN_TIMEOUT_MS }, 'requests still in flight at the shutdown limit');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS).unref();
    // Stops listening and answers new requests on open connections with 503, closes idle
    // keep-alive connections, and resolves once the requests in flight have been answered.
    // https://fastify.dev/docs/latest/Reference/Server/#return503onclosing
    // A connection whose request was in flight stays open after its answer (keep-alive, 72 s
    // in Fastify): closing the idle ones every 100 ms lets close() end as soon as the last
    // answer is out. https://nodejs.org/api/http.html#servercloseidleconnections
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(sweep);
    await outbox.stop();
    await sharedCpuPool().close();
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e: unknown) => {
  // A held data folder is the operator's situation, not a crash: its message says what to do.
  const text =
    e instanceof DataFolderBusy ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`${text}\n`);
  process.exit(1);
});
