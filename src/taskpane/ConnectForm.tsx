import { Field, Input, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Locale } from '../domain';
import type { RosterClient } from '../client/RosterClient';
import { signIn, type Connection, type Session } from '../client/signIn';
import { ConnectFooter } from './ConnectFooter';
import { strings } from './i18n';
import { ScimConnectForm } from './ScimConnectForm';
import { signInErrorText } from './signInError';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface ConnectFormProps {
  locale: Locale;
  initial: Connection;
  fetchFn: typeof fetch;
  onSignedIn: (connection: Connection, session: Session) => void;
  /** Another SCIM 2.0 service answered discovery with the pasted token (issue 19). */
  onScimConnected: (client: RosterClient) => void;
  /** The SCIM base URL the other form starts with. */
  initialScimUrl?: string;
}

/**
 * Where to connect: a Roster server (server URL, tenant, user ID and password; signs in and
 * hands the session up) or any SCIM 2.0 service (base URL and a bearer token).
 */
export function ConnectForm(props: ConnectFormProps) {
  const t = strings[props.locale];
  const styles = useStyles();
  const [kind, setKind] = useState<'roster' | 'scim'>('roster');
  return (
    <div className={styles.form}>
      <RadioGroup
        value={kind}
        onChange={(_, d) => setKind(d.value as 'roster' | 'scim')}
        aria-label={t.scim.choose}
      >
        <Radio value="roster" label={t.scim.roster} />
        <Radio value="scim" label={t.scim.other} />
      </RadioGroup>
      {kind === 'roster' ? (
        <SignInForm {...props} />
      ) : (
        <ScimConnectForm
          locale={props.locale}
          initialUrl={props.initialScimUrl ?? ''}
          fetchFn={props.fetchFn}
          onConnected={props.onScimConnected}
        />
      )}
    </div>
  );
}

/** Server URL, tenant, user ID and password; signs in and hands the session up. */
function SignInForm({ locale, initial, fetchFn, onSignedIn }: ConnectFormProps) {
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
      <ConnectFooter error={error} busy={busy} label={t.signIn} busyLabel={t.signingIn} note={t.tokenNote} />
    </form>
  );
}
