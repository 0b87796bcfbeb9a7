import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Locale } from '../domain';
import { ClientError } from '../client/ClientError';
import { RosterClient } from '../client/RosterClient';
import { ConnectFooter } from './ConnectFooter';
import { strings, type Strings } from './i18n';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** Why connecting failed, in the admin's words. */
export function connectErrorText(e: unknown, t: Strings): string {
  if (!(e instanceof ClientError)) return t.scim.failed(e instanceof Error ? e.message : String(e));
  if (e.kind === 'network' && e.status === undefined)
    return e.message.startsWith('Cannot reach') ? t.errors.network : t.scim.badUrl;
  if (e.status === 401 || e.status === 403) return t.scim.unauthorized;
  if (e.status === 404 || e.kind === 'invalidResponse') return t.scim.notFound;
  return t.scim.failed(e.message);
}

export interface ScimConnectFormProps {
  locale: Locale;
  initialUrl: string;
  fetchFn: typeof fetch;
  /** A client whose service answered discovery with this token. */
  onConnected: (client: RosterClient) => void;
}

/**
 * Another SCIM 2.0 service: its base URL and a bearer token the admin pastes. The token stays
 * in this component's state and the client's memory: never in the workbook or browser storage.
 */
export function ScimConnectForm({ locale, initialUrl, fetchFn, onConnected }: ScimConnectFormProps) {
  const t = strings[locale];
  const styles = useStyles();
  const [url, setUrl] = useState(initialUrl);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = [
      [url, t.scim.baseUrl],
      [token, t.scim.token],
    ].find(([v]) => !v?.trim());
    if (missing) {
      setError(t.errors.required(missing[1]!));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const client = new RosterClient({
        connection: { scimUrl: url.trim() },
        token: token.trim(),
        locale,
        fetchFn,
      });
      // Discovery first: a wrong URL or token is said here, not after a pull.
      await client.tenantProfile();
      setToken('');
      onConnected(client);
    } catch (err) {
      setError(connectErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label={t.scim.other}>
      <Field label={t.scim.baseUrl}>
        <Input
          value={url}
          onChange={(_, d) => setUrl(d.value)}
          type="url"
          name="scimUrl"
          placeholder="https://idp.example.com/scim/v2"
        />
      </Field>
      <Field label={t.scim.token}>
        <Input
          value={token}
          onChange={(_, d) => setToken(d.value)}
          type="password"
          name="scimToken"
          autoComplete="off"
        />
      </Field>
      <ConnectFooter
        error={error}
        busy={busy}
        label={t.scim.connect}
        busyLabel={t.scim.connecting}
        note={t.scim.tokenNote}
      />
    </form>
  );
}
