import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiToken,
  type NewApiToken,
} from '../client/apiTokens';
import type { RosterClient } from '../client/RosterClient';
import type { Locale } from '../domain';
import { strings } from './i18n';
import { useBusyRun } from './useBusyRun';
import { TOKEN_TEXT } from './tokenText';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  token: { fontFamily: tokens.fontFamilyMonospace, width: '100%' },
  tokenField: { width: '100%' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  item: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    marginBottom: '6px',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface TokensPanelProps {
  locale: Locale;
  client: RosterClient;
  /** Today, for telling expired tokens (the browser's clock; the server decides anyway). */
  now?: () => Date;
}

/**
 * Settings: the tenant's API tokens for provisioning clients (issue 12). A new token is shown
 * once, with a copy button; the list tells who made each, when, its expiry and last use.
 */
export function TokensPanel({ locale, client, now = () => new Date() }: TokensPanelProps) {
  const k = TOKEN_TEXT[locale];
  const t = strings[locale];
  const styles = useStyles();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const { busy, message, run } = useBusyRun(t);
  const [fresh, setFresh] = useState<NewApiToken | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const [list, setList] = useState<ApiToken[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const when = (iso: string | null) =>
    iso === null ? null : new Date(iso).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');

  const reload = async () => setList(await listApiTokens(client));

  const create = () =>
    run(async () => {
      if (name.trim() === '') return { intent: 'warning', text: k.nameRequired };
      const made = await createApiToken(client, name.trim(), days === 'never' ? undefined : Number(days));
      setFresh(made);
      setCopyNote(null);
      setName('');
      await reload();
      return null;
    });

  const copy = async () => {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.token);
      setCopyNote(k.copied);
    } catch {
      // Some hosts refuse the Clipboard API: select the text so the admin can copy it.
      tokenInput.current?.select();
      setCopyNote(document.execCommand('copy') ? k.copied : k.copyFailed);
    }
  };

  const revoke = (token: ApiToken) =>
    run(async () => {
      await revokeApiToken(client, token.id);
      setConfirming(null);
      if (fresh?.id === token.id) setFresh(null);
      await reload();
      return { intent: 'success', text: k.revoked(token.name) };
    });

  const stateOf = (x: ApiToken) =>
    x.revoked ? k.revokedState : x.expires && new Date(x.expires) <= now() ? k.expired : k.active;

  return (
    <section className={styles.section} aria-label={k.title}>
      <Subtitle2 as="h2">{k.title}</Subtitle2>
      <Caption1>{k.hint}</Caption1>
      <div className={styles.row}>
        <Field label={k.name}>
          <Input
            name="tokenName"
            value={name}
            placeholder={k.namePlaceholder}
            maxLength={100}
            onChange={(_, d) => setName(d.value)}
          />
        </Field>
        <Field label={k.expiry}>
          <Dropdown
            value={k.expiries[days]}
            selectedOptions={[days]}
            onOptionSelect={(_, d) => setDays(d.optionValue ?? '90')}
          >
            {['30', '90', '365', 'never'].map((d) => (
              <Option key={d} value={d}>
                {k.expiries[d]!}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button appearance="primary" disabled={busy} onClick={() => void create()}>
          {k.create}
        </Button>
      </div>
      {fresh && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <div>{k.created(fresh.name)}</div>
            <div className={styles.row}>
              <Field label={k.tokenLabel} className={styles.tokenField}>
                <Input
                  ref={tokenInput}
                  className={styles.token}
                  readOnly
                  value={fresh.token}
                  name="newToken"
                />
              </Field>
              <Button onClick={() => void copy()}>{k.copy}</Button>
              <Button appearance="subtle" onClick={() => setFresh(null)}>
                {k.done}
              </Button>
            </div>
            {copyNote && <div role="status">{copyNote}</div>}
          </MessageBarBody>
        </MessageBar>
      )}
      {message && (
        <MessageBar intent={message.intent} layout="multiline">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {list === null ? (
        <Button
          appearance="subtle"
          disabled={busy}
          onClick={() => void run(async () => (await reload(), null))}
        >
          {k.load}
        </Button>
      ) : list.length === 0 ? (
        <Caption1>{k.empty}</Caption1>
      ) : (
        <ul className={styles.list} aria-label={k.list}>
          {list.map((x) => (
            <li key={x.id} className={styles.item}>
              <span>
                <strong>{x.name}</strong>
                {k.state(stateOf(x))}
              </span>
              <span className={styles.muted}>
                {k.line({
                  created: when(x.created)!,
                  by: x.createdBy,
                  expires: when(x.expires),
                  lastUsed: when(x.lastUsed),
                })}
              </span>
              {!x.revoked &&
                (confirming === x.id ? (
                  <span className={styles.row}>
                    <Button size="small" disabled={busy} onClick={() => void revoke(x)}>
                      {k.confirmRevoke(x.name)}
                    </Button>
                    <Button size="small" appearance="subtle" onClick={() => setConfirming(null)}>
                      {k.cancel}
                    </Button>
                  </span>
                ) : (
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-label={`${k.revoke}: ${x.name}`}
                    onClick={() => setConfirming(x.id)}
                  >
                    {k.revoke}
                  </Button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
