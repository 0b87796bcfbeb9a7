import type { UserRecord } from '../../scim/userResource';
import type { TenantInfo } from '../context';
import { serviceName } from '../tenants';
import type { QueuedMail } from '../mail/MailOutbox';
import { renderMail, type DetailLine, type MailKind } from '../mail/templates';

/** The columns a completion mail repeats back to the user: who they are, not admin notes. */
const DETAIL_COLUMNS = ['memberNumber', 'userName', 'displayName', 'email', 'role'];

/** The registration page of a token, under the server's public address. */
export function registrationUrl(publicUrl: string, tenantSlug: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/t/${encodeURIComponent(tenantSlug)}/register/${token}`;
}

/** The account as the completion mail lists it, in the tenant's language, option labels for codes. */
export function registrationDetails(tenant: TenantInfo, user: UserRecord): DetailLine[] {
  const { profile, locale } = tenant;
  return DETAIL_COLUMNS.flatMap((key) => {
    const col = profile.columns.find((c) => c.key === key);
    if (!col) return [];
    const raw =
      key === 'userName'
        ? user.userName
        : key === 'displayName'
          ? user.displayName
          : key === 'email'
            ? user.email
            : (user.attrs[key] ?? '');
    const option = col.options?.find((o) => o.value === raw);
    return [{ label: col.header[locale], value: option ? option.label[locale] : raw }];
  });
}

/** One mail to a user, rendered in the tenant's language, ready for the outbox. */
export function mailFor(
  tenant: TenantInfo,
  user: UserRecord,
  kind: MailKind,
  extra: { url?: string; expiresAt?: Date; password?: string } = {},
): QueuedMail {
  const rendered = renderMail(kind, {
    locale: tenant.locale,
    timeZone: tenant.timeZone,
    tenantName: tenant.name,
    serviceName: serviceName(tenant.profile),
    loginUrl: tenant.loginUrl,
    displayName: user.displayName,
    userName: user.userName,
    ...extra,
    ...(kind === 'registered' ? { details: registrationDetails(tenant, user) } : {}),
  });
  return { tenantId: tenant.id, userId: user.id, kind, to: user.email, ...rendered };
}
