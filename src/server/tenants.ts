import { profileById, type Locale } from '../domain';
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
  };
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
}

/** Creates a tenant; throws if the slug is taken or malformed. */
export async function createTenant(db: Db, t: NewTenant, now: Date): Promise<TenantInfo> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(t.slug)) throw new Error(`Bad tenant slug '${t.slug}'`);
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
      created_at: now,
    })
    .execute();
  return (await loadTenant(db, t.slug))!;
}
