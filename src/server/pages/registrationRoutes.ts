import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../../domain';
import { localeOf, type Services } from '../services';
import { hashToken } from '../auth/tokens';
import { badText } from '../http/jsonBody';
import { LoginLimiter } from '../auth/LoginLimiter';
import type { TenantInfo } from '../context';
import { formatDeadline } from '../mail/templates';
import {
  completeRegistration,
  formErrors,
  guessableWords,
  type FieldErrors,
  type RegistrationForm,
} from '../registration/completeRegistration';
import { isPending } from '../registration/invitations';
import { tokenState, type TokenState } from '../registration/registrationTokens';
import { serviceName } from '../tenants';
import { loadUsers, type StoredUser } from '../users/userStore';
import { PAGE_TEXT, passwordRuleText, type PageText } from './pageText';
import { formPage, messagePage, type MessageLine } from './registrationPage';

const CSRF_COOKIE = 'rs_csrf';
const WINDOW_MS = 15 * 60 * 1000;
/** Tokens are 43 base64url characters; anything else is not looked up at all. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const Strength = z.object({ password: z.string().max(1000), displayName: z.string().max(1000).optional() });

function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Sends a page with headers that keep the token private and only our own script running. */
function sendPage(reply: FastifyReply, status: number, nonce: string, html: string): FastifyReply {
  return (
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'; ` +
          `form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      )
      // The token is in the URL: it must not leak to other sites through the Referer header.
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(html)
  );
}

function passwordRuleOf(tenant: TenantInfo, locale: Locale): string | null {
  const col = tenant.profile.columns.find((c) => c.rules.some((r) => r.type === 'password'));
  const length = col?.rules.find((r) => r.type === 'length');
  if (!col || !length || length.type !== 'length') return null;
  return passwordRuleText(locale, {
    min: length.min ?? 1,
    max: length.max ?? 128,
    classes: tenant.passwordClasses,
  });
}

/**
 * The registration pages at /t/{tenant}/register/{token} (seed 000's 「ユーザーアカウントの
 * 登録」): served by the server itself, Japanese or English by the browser's language.
 */
export const registrationRoutes =
  (services: Services): FastifyPluginAsync =>
  async (app) => {
    const { deps } = services;
    // Failed form posts per token, requests with a bad token per address, meter checks per token.
    const formLimiter = new LoginLimiter(deps.clock, 10, WINDOW_MS);
    const addressLimiter = new LoginLimiter(deps.clock, 30, WINDOW_MS);
    const meterLimiter = new LoginLimiter(deps.clock, 600, WINDOW_MS);

    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => {
        const fields = Object.fromEntries(new URLSearchParams(body as string));
        // A field the database cannot store as text is refused here, before any lookup.
        const bad = Object.values(fields).some((v) => badText(v, 16 * 1024));
        done(
          bad
            ? Object.assign(new Error('The form holds text that cannot be stored.'), { statusCode: 400 })
            : null,
          fields,
        );
      },
    );

    const textOf = (req: FastifyRequest): PageText => PAGE_TEXT[localeOf(req)];
    const nonce = () => randomBytes(16).toString('base64');

    /** A page that only says something, in the browser's language, with its own nonce. */
    const sendMessage = (
      req: FastifyRequest,
      reply: FastifyReply,
      status: number,
      page: (t: PageText) => { title: string; lines: readonly MessageLine[]; done?: boolean },
    ) => {
      const t = textOf(req);
      const n = nonce();
      const tenantName = req.tenant?.name;
      return sendPage(
        reply,
        status,
        n,
        messagePage({ text: t, nonce: n, ...(tenantName ? { tenantName } : {}), ...page(t) }),
      );
    };

    app.setErrorHandler((err, req, reply) => {
      const e = err as { status?: number; statusCode?: number };
      const status = e.status ?? e.statusCode ?? 500;
      if (status >= 500) req.log.error({ err }, 'registration page failed');
      // A client mistake (a form too large, bad text, an unknown tenant) keeps its 4xx.
      const shown = status >= 400 && status < 500 ? status : 500;
      return sendMessage(req, reply, shown, (t) => ({
        title: t.errorTitle,
        lines: [shown === 404 ? t.noTenant : shown < 500 ? t.badRequest : t.error],
      }));
    });

    const tooMany = (req: FastifyRequest, reply: FastifyReply, seconds: number) => {
      reply.header('retry-after', String(seconds));
      return sendMessage(req, reply, 429, (t) => ({
        title: t.tooManyTitle,
        lines: [t.tooMany(Math.ceil(seconds / 60))],
      }));
    };

    const gone = (req: FastifyRequest, reply: FastifyReply, state: TokenState['kind']) => {
      addressLimiter.fail(req.ip);
      return sendMessage(req, reply, state === 'unknown' ? 404 : 410, (t) => {
        const why =
          state === 'expired'
            ? t.expired
            : state === 'used'
              ? t.used
              : state === 'replaced'
                ? t.replaced
                : t.unknown;
        return { title: t.goneTitle, lines: [why, t.askAdmin] };
      });
    };

    /** The token's user when the token works now; else undefined with why. */
    const lookup = async (req: FastifyRequest, token: string) => {
      const tenant = req.tenant!;
      const state: TokenState = TOKEN_SHAPE.test(token)
        ? await tokenState(deps.db, tenant.id, token, deps.clock())
        : { kind: 'unknown' };
      if (state.kind !== 'valid') return { state: state.kind };
      const user = (await loadUsers(deps.db, tenant.id, [state.userId])).get(state.userId);
      if (!user || !isPending(user)) return { state: 'used' as const };
      return { state: state.kind, user, expiresAt: state.expiresAt };
    };

    const renderForm = (
      req: FastifyRequest,
      reply: FastifyReply,
      status: number,
      page: {
        token: string;
        user: StoredUser;
        expiresAt: Date;
        csrf: string;
        displayName?: string;
        typed?: { password: string; confirm: string };
      },
      errors: FieldErrors = {},
    ) => {
      const tenant = req.tenant!;
      const locale = localeOf(req);
      const n = nonce();
      const base = `/t/${encodeURIComponent(tenant.slug)}/register/${page.token}`;
      const secure = req.protocol === 'https' ? '; Secure' : '';
      reply.header(
        'set-cookie',
        `${CSRF_COOKIE}=${page.csrf}; Path=/t/${encodeURIComponent(tenant.slug)}/register/; HttpOnly; SameSite=Strict${secure}`,
      );
      const html = formPage({
        text: PAGE_TEXT[locale],
        nonce: n,
        tenantName: tenant.name,
        user: page.user,
        deadline: formatDeadline(page.expiresAt, locale, tenant.timeZone),
        displayNameEditable: tenant.profile.registration.userEditable.includes('displayName'),
        displayName: page.displayName ?? page.user.displayName,
        ...(page.typed ? { typed: page.typed } : {}),
        passwordRule: passwordRuleOf(tenant, locale),
        minScore: tenant.profile.registration.minStrengthScore,
        csrf: page.csrf,
        actionUrl: base,
        strengthUrl: `${base}/strength`,
        errors,
      });
      return sendPage(reply, status, n, html);
    };

    app.get<{ Params: { token: string } }>('/register/:token', async (req, reply) => {
      const wait = addressLimiter.retryAfter(req.ip);
      if (wait > 0) return tooMany(req, reply, wait);
      const found = await lookup(req, req.params.token);
      if (!found.user) return gone(req, reply, found.state);
      // One form secret per browser: a second tab keeps the first one's, so both still work.
      const existing = cookieOf(req, CSRF_COOKIE);
      const csrf =
        existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
      return renderForm(req, reply, 200, {
        token: req.params.token,
        user: found.user,
        expiresAt: found.expiresAt,
        csrf,
      });
    });

    app.post<{ Params: { token: string } }>('/register/:token', async (req, reply) => {
      const tenant = req.tenant!;
      const { token } = req.params;
      const key = `${tenant.id}:${hashToken(token)}`;
      const wait = Math.max(addressLimiter.retryAfter(req.ip), formLimiter.retryAfter(key));
      if (wait > 0) return tooMany(req, reply, wait);
      const found = await lookup(req, token);
      if (!found.user) return gone(req, reply, found.state);
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<
        string,
        unknown
      >;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
      if (!sameSecret(field('csrf'), cookieOf(req, CSRF_COOKIE))) {
        formLimiter.fail(key);
        return sendMessage(req, reply, 403, (t) => ({ title: t.csrfTitle, lines: [t.csrf] }));
      }
      const form: RegistrationForm = {
        password: field('password') ?? '',
        confirm: field('confirm') ?? '',
        ...(field('displayName') !== undefined ? { displayName: field('displayName')!.trim() } : {}),
      };
      const locale = localeOf(req);
      const errors = await formErrors(tenant, found.user, form, locale, deps.scorePassword);
      const page = {
        token,
        user: found.user,
        expiresAt: found.expiresAt,
        csrf: field('csrf')!,
        displayName: form.displayName,
        typed: { password: form.password, confirm: form.confirm },
      };
      if (Object.keys(errors).length > 0) {
        formLimiter.fail(key);
        return renderForm(req, reply, 422, page, errors);
      }
      const done = await completeRegistration(
        { db: deps.db, now: deps.clock(), hashPassword: deps.hashPassword, onMailQueued: deps.onMailQueued },
        tenant,
        token,
        form,
      );
      if (!done.ok) return gone(req, reply, 'used');
      formLimiter.succeed(key);
      const { userName, email } = done.user;
      const service = serviceName(tenant.profile);
      const login = tenant.loginUrl;
      return sendMessage(req, reply, 200, (t) => ({
        title: t.doneTitle,
        lines: [
          t.done(userName, service),
          // The service's login page when the operator has set it (issue 15); else who has it.
          login ? { href: login, text: t.loginLink(service) } : t.noLogin(service),
          ...(email ? [t.doneMail(email)] : []),
        ],
        done: true,
      }));
    });

    app.post<{ Params: { token: string } }>('/register/:token/strength', async (req, reply) => {
      const tenant = req.tenant!;
      const key = `${tenant.id}:${hashToken(req.params.token)}`;
      // The meter is held to the page's limits: the address's bad tokens, the token's failed
      // forms (a locked form locks its meter), and its own budget of checks.
      const wait = Math.max(
        addressLimiter.retryAfter(req.ip),
        formLimiter.retryAfter(key),
        meterLimiter.retryAfter(key),
      );
      if (wait > 0) return reply.code(429).header('retry-after', String(wait)).send({ error: 'tooMany' });
      meterLimiter.fail(key);
      if (!sameSecret(req.headers['x-csrf-token'] as string | undefined, cookieOf(req, CSRF_COOKIE))) {
        formLimiter.fail(key);
        return reply.code(403).send({ error: 'csrf' });
      }
      const found = await lookup(req, req.params.token);
      if (!found.user) {
        addressLimiter.fail(req.ip);
        return reply.code(410).send({ error: found.state });
      }
      const body = Strength.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ error: 'invalid' });
      // The form's own judgement of this password, so the page never says otherwise; the
      // strength (jairo's meter) is scored once and judged by formErrors from that same score.
      const locale = localeOf(req);
      const { password, displayName } = body.data;
      const strength =
        tenant.profile.registration.minStrengthScore === null
          ? undefined
          : await deps.scorePassword(password, guessableWords(tenant, found.user, displayName), locale);
      const errors = await formErrors(
        tenant,
        found.user,
        { password, confirm: password, ...(displayName !== undefined ? { displayName } : {}) },
        locale,
        async (pw, words, l) => strength ?? deps.scorePassword(pw, words, l),
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ accepted: !errors.password, problem: errors.password ?? null, ...strength });
    });
  };
