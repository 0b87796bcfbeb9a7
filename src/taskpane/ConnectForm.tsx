import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Locale } from '../domain';
import { signIn, type Connection, type Session } from '../client/signIn';
import { strings } from './i18n';
import { signInErrorText } from './signInError';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface ConnectFormProps {
  locale: Locale;
  initial: Connection;
  fetchFn: typeof fetch;
  onSignedIn: (connection: Connection, session: Session) => void;
}

/** Server URL, tenant, user ID and password; signs in and hands the session up. */
export function ConnectForm({ locale, initial, fetchFn, onSignedIn }: ConnectFormProps) {
  const t = strings[locale];
  const styles = useStyles();
  const [serverUrl, setServerUrl] = useState(initial.serverUrl);
  const [tenant, setTenant] = useState(initial.tenant);
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = [
      [serverUrl, t.serverUrl],
      [tenant, t.tenant],
      [userName, t.userName],
      [password, t.password],
    ].find(([v]) => !v?.trim());
    if (missing) {
      setError(t.errors.required(missing[1]!));
      return;
    }
    setBusy(true);
    setError(null);
    const connection = { serverUrl: serverUrl.trim(), tenant: tenant.trim() };
    try {
      const session = await signIn(connection, userName.trim(), password, locale, fetchFn);
      setPassword('');
      onSignedIn(connection, session);
    } catch (err) {
      setError(signInErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label={t.signIn}>
      <Field label={t.serverUrl}>
        <Input value={serverUrl} onChange={(_, d) => setServerUrl(d.value)} type="url" name="serverUrl" />
      </Field>
      <Field label={t.tenant}>
        <Input value={tenant} onChange={(_, d) => setTenant(d.value)} name="tenant" />
      </Field>
      <Field label={t.userName}>
        <Input
          value={userName}
          onChange={(_, d) => setUserName(d.value)}
          name="userName"
          autoComplete="username"
        />
      </Field>
      <Field label={t.password}>
        <Input
          value={password}
          onChange={(_, d) => setPassword(d.value)}
          type="password"
          name="password"
          autoComplete="current-password"
        />
      </Field>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" type="submit" disabled={busy}>
        {busy ? <Spinner size="tiny" label={t.signingIn} /> : t.signIn}
      </Button>
      <div className={styles.note}>{t.tokenNote}</div>
    </form>
  );
}
