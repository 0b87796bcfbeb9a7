import {
  Button,
  Caption1,
  FluentProvider,
  Link,
  Subtitle2,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { profiles, type Locale } from '../domain';
import { signOut } from '../client/apiTokens';
import { RosterClient } from '../client/RosterClient';
import type { Connection, Session } from '../client/signIn';
import type { RosterSheet } from '../excel/RosterSheet';
import { ConnectForm } from './ConnectForm';
import { ScimServiceInfo } from './ScimServiceInfo';
import { errorText } from './errorText';
import { strings } from './i18n';
import { RosterController } from './RosterController';
import { RosterPane } from './RosterPane';
import { StepHeader, type Step } from './StepHeader';
import { TokensPanel } from './TokensPanel';

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground3 },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'flex-start',
  },
});

export interface AppProps {
  locale: Locale;
  fetchFn: typeof fetch;
  /** Where the pane connects by default (the server that served it, in a local setup). */
  defaultConnection: Connection;
  /** The workbook: Office.js in Excel, the fake in the browser harness. */
  sheet: RosterSheet;
  /** The SCIM base URL the "another SCIM service" form starts with. */
  defaultScimUrl?: string;
}

/** The task pane: sign in, then the tenant and its profile. */
export function App({ locale, fetchFn, defaultConnection, sheet, defaultScimUrl }: AppProps) {
  const t = strings[locale];
  const styles = useStyles();
  // The session (and its token) lives in React state only: gone when the pane closes.
  const [signedIn, setSignedIn] = useState<{ connection: Connection; session: Session } | null>(null);
  // Or another SCIM service, whose pasted token lives in this client only (issue 19).
  const [scim, setScim] = useState<RosterClient | null>(null);
  const [controller, setController] = useState<RosterController | null>(null);
  const [client, setClient] = useState<RosterClient | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [paneStep, setPaneStep] = useState<Step>(2);
  const step: Step = (signedIn || scim) && controller ? paneStep : 1;

  useEffect(() => {
    if (!signedIn && !scim) return;
    const client =
      scim ??
      new RosterClient({
        connection: signedIn!.connection,
        token: signedIn!.session.token,
        locale,
        fetchFn,
      });
    setClient(client);
    // Another service has no operator account the pane knows: no own-account guard there.
    const c = new RosterController(client, sheet, locale, signedIn?.session.user.userName ?? '');
    c.init().then(
      () => setController(c),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [signedIn, scim, sheet, locale, fetchFn, t]);

  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <main className={styles.root}>
        <header className={styles.header}>
          <Title3 as="h1">{t.title}</Title3>
          <Caption1 className={styles.muted}>
            {t.subtitle}
            {' · '}
            {/* The walkthrough with pictures, beside the pane (Office opens it in a browser). */}
            <Link href={`help.html?lang=${locale}`} target="_blank" rel="noopener">
              {t.help}
            </Link>
          </Caption1>
        </header>
        <StepHeader locale={locale} step={step} />
        {signedIn ? (
          <section className={styles.section} aria-label={signedIn.session.tenant.name}>
            <Subtitle2 as="h2">{signedIn.session.tenant.name}</Subtitle2>
            <div className={styles.muted}>
              {t.profile}: {profiles[signedIn.session.tenant.profile].name[locale]}
            </div>
            <div>{t.signedInAs(signedIn.session.user.displayName, signedIn.session.user.userName)}</div>
            <Button
              onClick={() => {
                // Ends the session on the server too; the pane forgets it whatever the answer.
                if (client) void signOut(client).catch(() => {});
                setSignedIn(null);
                setController(null);
                setPaneStep(2);
                setClient(null);
              }}
            >
              {t.signOut}
            </Button>
            {error && <div role="alert">{error}</div>}
          </section>
        ) : null}
        {scim && (
          <ScimServiceInfo
            locale={locale}
            host={new URL(scim.tenantUrl).host}
            features={scim.features}
            profile={controller?.profile}
            onDisconnect={() => {
              setScim(null);
              setController(null);
              setClient(null);
            }}
          />
        )}
        {scim && error && <div role="alert">{error}</div>}
        {(signedIn || scim) && controller?.profile && (
          <RosterPane
            locale={locale}
            controller={controller}
            sheet={sheet}
            profileId={controller.profile.id}
            onStep={setPaneStep}
          />
        )}
        {signedIn && client && <TokensPanel locale={locale} client={client} />}
        {!signedIn && !scim && (
          <ConnectForm
            locale={locale}
            initial={defaultConnection}
            fetchFn={fetchFn}
            onSignedIn={(connection, session) => setSignedIn({ connection, session })}
            onScimConnected={setScim}
            {...(defaultScimUrl ? { initialScimUrl: defaultScimUrl } : {})}
          />
        )}
      </main>
    </FluentProvider>
  );
}
