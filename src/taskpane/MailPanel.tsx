import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { MailStatus } from '../client/RosterClient';
import type { Locale } from '../domain';
import { ConfirmDialog } from './ConfirmDialog';
import { strings } from './i18n';
import { useBusyRun } from './useBusyRun';
import type { RosterController } from './RosterController';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

export interface MailPanelProps {
  locale: Locale;
  controller: RosterController;
}

/**
 * Registration mail for the selected rows (seed 004: 仮登録/利用待ちユーザーへのユーザー登録
 * メール送信), and what became of the tenant's mail: waiting, failed, sent again on request.
 */
export function MailPanel({ locale, controller }: MailPanelProps) {
  const t = strings[locale];
  const m = t.mail;
  const styles = useStyles();
  const { busy, message, run } = useBusyRun(t);
  const [status, setStatus] = useState<MailStatus | null>(null);

  // Mail to every user not yet registered: counted first, and sent only once the admin confirms.
  const [asking, setAsking] = useState<number | null>(null);
  const askAll = () =>
    run(async () => {
      const n = await controller.pendingRegistrations();
      if (n === 0) return { intent: 'info', text: m.noPending };
      setAsking(n);
      return null;
    });

  const send = (all = false) =>
    run(async () => {
      const r = all
        ? await controller.sendRegistrationMailToAllPending()
        : await controller.sendRegistrationMail();
      if (r.selected === 0) return { intent: 'warning', text: all ? m.noPending : m.none };
      const lines = r.refused.map((x) => x.message);
      const text = [r.sent > 0 ? m.sent(r.sent) : '', lines.length > 0 ? m.refused(lines.length) : '']
        .filter(Boolean)
        .join(' ');
      return { intent: lines.length > 0 ? 'warning' : 'success', text, lines };
    });

  const check = () =>
    run(async () => {
      const s = await controller.mailStatus();
      setStatus(s);
      const waiting = (s.counts.pending ?? 0) + (s.counts.sending ?? 0);
      const failed = s.counts.failed ?? 0;
      if (waiting + failed === 0) return { intent: 'success', text: m.allSent };
      return {
        intent: failed > 0 ? 'warning' : 'info',
        text: [waiting > 0 ? m.pending(waiting) : '', failed > 0 ? m.failed(failed) : '']
          .filter(Boolean)
          .join('・'),
      };
    });

  const retry = () =>
    run(async () => {
      const n = await controller.retryFailedMail();
      setStatus(null);
      return { intent: 'success', text: m.retried(n) };
    });

  const failed = status?.mails.filter((x) => x.state === 'failed') ?? [];
  return (
    <section className={styles.section} aria-label={m.title}>
      <Subtitle2 as="h2">{m.title}</Subtitle2>
      <Caption1>{m.hint}</Caption1>
      <Button disabled={busy} onClick={() => void send()}>
        {m.send}
      </Button>
      <Button disabled={busy} onClick={() => void askAll()}>
        {m.all}
      </Button>
      <ConfirmDialog
        open={asking !== null}
        title={m.allTitle}
        question={m.allAsk(asking ?? 0)}
        confirm={m.allSend}
        cancel={m.cancel}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null);
          void send(true);
        }}
      />
      <Button disabled={busy} appearance="subtle" onClick={() => void check()}>
        {m.check}
      </Button>
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>
            {message.text}
            {message.lines && message.lines.length > 0 && (
              <ul className={styles.list}>
                {message.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {failed.length > 0 && (
        <>
          <ul className={styles.list} aria-label={m.failed(failed.length)}>
            {failed.map((x) => (
              <li key={x.id}>{`${x.to}（${m.kinds[x.kind] ?? x.kind}）: ${x.lastError ?? ''}`}</li>
            ))}
          </ul>
          <Button disabled={busy} onClick={() => void retry()}>
            {m.retry}
          </Button>
        </>
      )}
    </section>
  );
}
