import { parseArgs } from 'node:util';
import type { Db } from '../db/connect';
import { loadTenant, serviceName, setLoginUrl } from '../tenants';

export const TENANT_USAGE =
  'Usage: npm run server:tenant -- --tenant <slug>                        (shows its settings)\n' +
  '       npm run server:tenant -- --tenant <slug> --login-url <https://…>  (the service login page)\n' +
  '       npm run server:tenant -- --tenant <slug> --clear-login-url';

/**
 * `server:tenant`: shows a tenant's settings or sets its login URL, the page where its users
 * log in to the service, which the registration done page and the mails link to.
 */
export async function configureTenant(
  db: Db,
  args: readonly string[],
  say: (line: string) => void,
): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      tenant: { type: 'string' },
      'login-url': { type: 'string' },
      'clear-login-url': { type: 'boolean', default: false },
    },
  });
  if (!values.tenant) throw new Error(TENANT_USAGE);
  if (values['login-url'] !== undefined && values['clear-login-url'])
    throw new Error(`Use --login-url or --clear-login-url, not both.\n${TENANT_USAGE}`);
  const slug = values.tenant;
  if (values['login-url'] !== undefined) await setLoginUrl(db, slug, values['login-url']);
  else if (values['clear-login-url']) await setLoginUrl(db, slug, null);
  const t = await loadTenant(db, slug);
  if (!t) throw new Error(`No tenant '${slug}'.`);
  say(
    [
      `${t.slug}: ${t.name} (${serviceName(t.profile)})`,
      `login URL: ${t.loginUrl ?? '(none: the done page and the mails ask users to get it from their administrator)'}`,
    ].join('\n'),
  );
}
