import { z } from 'zod';

/** The server's settings, read from the environment once and checked. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  /** The PGlite data folder, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('.data/pglite'),
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL connections this process opens at most; N processes open up to N × this. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** After SIGTERM, requests in flight get this long to finish before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Origins allowed to call the API from a browser (the task pane), comma-separated. */
  ALLOWED_ORIGINS: z.string().default('https://localhost:3000'),
  /** The URL people reach the server at, for links in mail; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:587 (smtps:// for TLS); without it mail is written to OUTBOX_DIR. */
  SMTP_URL: z.string().url().optional(),
  OUTBOX_DIR: z.string().default('.data/outbox'),
  /** The sender of every mail. */
  MAIL_FROM: z.string().default('Roster Sheet <no-reply@localhost>'),
  /** The built add-in (`npm run build`), served from this server when it holds taskpane.html. */
  PANE_DIR: z.string().default('dist'),
  /** In development (`npm start`), the dev server serving the pane and the browser harness. */
  ADDIN_DEV_URL: z.string().url().optional(),
  /** `pretty` (readable lines, pino-pretty) or `json` (one JSON object a line, for collectors); by default pretty in a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /**
   * The reverse proxies in front of the server, comma-separated addresses or CIDR ranges
   * (`10.0.0.5,192.168.0.0/16`): only requests from them may say the client's address and
   * scheme through X-Forwarded-For / X-Forwarded-Proto. Unset: nobody is believed.
   */
  TRUST_PROXY: z.string().optional(),
  /**
   * The key mail bodies wait encrypted under (32 bytes: 64 hex digits or base64). Unset, a
   * key is made at first start in DATA_DIR/mail-secret.key (mode 0600). Servers sharing one
   * PostgreSQL database need the same key.
   */
  MAIL_SECRET_KEY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof Env>;

/** Parses the environment; throws a readable error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = Env.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Bad environment:\n${lines.join('\n')}`);
  }
  return r.data;
}
