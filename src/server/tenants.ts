import { profileById, type Locale, type Profile } from '../domain';
import type { TenantInfo } from './context';
import type { Db } from './db/connect';

/** The tenant with this slug, or undefined. */
export async function loadTenant(db: Db, slug: string): Promise<TenantInfo | undefined> {
  const row = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  const profile = profileById(row.profile);
  if (!profile) throw new Error(`Tenant ${slug} has an unknown profile '${row.profile}'`);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    profile,
    userLimit: row.user_limit,
    passwordClasses: row.password_classes,
    locale: row.locale === 'en' ? 'en' : 'ja',
    timeZone: row.time_zone,
    loginUrl: row.login_url ?? null,
  };
}

/** The service a tenant's users know, by its profile: its name without the explanation. */
const SERVICE_NAMES: Record<string, string> = { eq: 'EQ', jairo: 'JAIRO Cloud' };

/** What the users call the service (seed 000: JAIRO Cloud; seed 004: EQ), in either language. */
export function serviceName(profile: Profile): string {
  return SERVICE_NAMES[profile.id] ?? profile.name.en;
}

const MAX_LOGIN_URL = 2000;

/**
 * A login URL as kept: an absolute http(s) URL without credentials, whitespace or control
 * characters, at most 2,000 characters. Throws an error that says what is wrong.
 */
export function checkLoginUrl(text: string): string {
  const bad = (why: string) => new Error(`The login URL '${text.slice(0, 80)}' ${why}.`);
  if (text.length > MAX_LOGIN_URL)
    throw bad(`is longer than ${MAX_LOGIN_URL.toLocaleString('en')} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(text)) throw bad('must not contain spaces or control characters');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw bad('must start with http:// or https://');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('must start with http:// or https://');
  if (url.username || url.password) throw bad('must not hold a user name or password');
  return url.href;
}

/** Sets (or, with null, clears) the login URL of a tenant; throws if there is no such tenant. */
export async function setLoginUrl(db: Db, slug: string, url: string | null): Promise<void> {
  const value = url === null ? null : checkLoginUrl(url);
  const r = await db
    .updateTable('tenants')
    .set({ login_url: value })
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new Error(`No tenant '${slug}'.`);
}

export interface NewTenant {
  slug: string;
  name: string;
  profile: 'eq' | 'jairo';
  userLimit: number;
  passwordClasses: number;
  /** The language of the tenant's mail; Japanese unless said. */
  locale?: Locale;
  timeZone?: string;
  /** The service's login page for the tenant's users (http or https). */
  loginUrl?: string;
}

/** Creates a tenant; throws if the slug is taken or malformed. */
export async function createTenant(db: Db, t: NewTenant, now: Date): Promise<TenantInfo> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(t.slug)) throw new Error(`Bad tenant slug '${t.slug}'`);
  const loginUrl = t.loginUrl === undefined ? undefined : checkLoginUrl(t.loginUrl);
  await db
    .insertInto('tenants')
    .values({
      slug: t.slug,
      name: t.name,
      profile: t.profile,
      user_limit: t.userLimit,
      password_classes: t.passwordClasses,
      ...(t.locale ? { locale: t.locale } : {}),
      ...(t.timeZone ? { time_zone: t.timeZone } : {}),
      ...(loginUrl ? { login_url: loginUrl } : {}),
      created_at: now,
    })
    .execute();
  return (await loadTenant(db, t.slug))!;
}
