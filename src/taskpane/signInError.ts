import { ClientError } from '../client/ClientError';
import type { Strings } from './i18n';

/** What to tell the admin when sign-in fails, in their language. */
export function signInErrorText(e: unknown, t: Strings): string {
  if (!(e instanceof ClientError)) return t.errors.other(e instanceof Error ? e.message : String(e));
  if (e.kind === 'network') return t.errors.network;
  switch (e.status) {
    case 401:
      return t.errors.wrongPassword;
    case 403:
      return t.errors.notAdmin;
    case 404:
      return t.errors.noTenant;
    case 429:
      return t.errors.tooMany(e.retryAfterSeconds ?? 60);
    default:
      return t.errors.other(e.message);
  }
}
