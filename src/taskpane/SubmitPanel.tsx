import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Changeset, Locale, Problem, Profile } from '../domain';
import { ConflictList } from './ConflictList';
import { ReviewLists } from './ReviewLists';
import type { RegistrationMode } from '../scim/operations';
import { errorText } from './errorText';
import { strings } from './i18n';
import type { RosterController } from './RosterController';
import { deletionNeedsConfirmation } from './submission';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

export interface SubmitPanelProps {
  locale: Locale;
  profile: Profile;
  controller: RosterController;
  /** The problems found, for the pane's list (the sheet is marked by the controller). */
  onProblems: (problems: Problem[]) => void;
  /** Counts the admin's edits of the sheet: a review made before the last one is out of date. */
  edits: number;
  onStep: (step: 4 | 5 | null) => void;
}

type Review = {
  changeset: Changeset;
  problems: Problem[];
  baselineSize: number;
  rows: number;
  notSent: number;
};

/** Review, options, the deletion guard, the server check, submit with progress and cancel. */
export function SubmitPanel({ locale, profile, controller, onProblems, edits, onStep }: SubmitPanelProps) {
  const t = strings[locale];
  const s = t.submit;
  const styles = useStyles();
  const [review, setReview] = useState<Review | null>(null);
  const [mode, setMode] = useState<RegistrationMode>('invite');
  const [passwordUpdates, setPasswordUpdates] = useState(false);
  // Seed 004: both mail choices are checked by default.
  const [sendMail, setSendMail] = useState(true);
  const [mailPassword, setMailPassword] = useState(true);
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'warning' | 'error'; text: string } | null>(
    null,
  );
  const cancel = useRef<AbortController | null>(null);
  const [conflicts, setConflicts] = useState<number[]>([]);
  const hasPasswords = profile.columns.some((c) => c.writeOnly);
  // The admin edited the sheet after the review: it may no longer say what a submit sends.
  const [stale, setStale] = useState(false);
  const seenEdits = useRef(edits);
  useEffect(() => {
    if (edits === seenEdits.current) return;
    seenEdits.current = edits;
    if (!busy) setStale(true);
  }, [edits, busy]);
  // ④ while a review is open, ⑤ while sending and after, until the next edit.
  const [sentAt, setSentAt] = useState<number | null>(null);
  const step = busy && progress ? 5 : sentAt === edits ? 5 : review ? 4 : null;
  useEffect(() => onStep(step), [step, onStep]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e, t) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const doReview = () =>
    run(async () => {
      const r = await controller.review(mode, passwordUpdates);
      setReview(r);
      setStale(false);
      setSentAt(null);
      setConfirm('');
      onProblems(r.problems);
    });

  const deletions = review?.changeset.deletions.length ?? 0;
  const guarded = review !== null && deletionNeedsConfirmation(deletions, review.baselineSize);
  const confirmed = !guarded || confirm.trim() === String(deletions);
  const total = review ? review.changeset.additions.length + review.changeset.updates.length + deletions : 0;

  const send = (dryRun: boolean) =>
    run(async () => {
      cancel.current = new AbortController();
      const summary = await controller.submit({
        mode,
        passwordUpdates,
        sendMail: mode === 'invite' && sendMail && controller.features.invitations,
        mailPassword: passwordUpdates && mailPassword,
        dryRun,
        signal: cancel.current.signal,
        onProgress: (done, all) => setProgress({ done, total: all }),
      });
      onProblems(summary.problems);
      if (dryRun) {
        // Rows the local check holds back are problems too: never "no problems" while some are listed.
        const held = summary.notSent + summary.failed;
        setMessage({
          intent: held + summary.conflicts === 0 ? 'success' : 'warning',
          text: s.checked(summary.done, held, summary.conflicts),
        });
      } else {
        setMessage({
          intent: summary.notSent + summary.failed + summary.conflicts === 0 ? 'success' : 'warning',
          text: s.done(
            s.tally(
              summary.done,
              summary.notSent,
              summary.skipped,
              summary.failed,
              summary.conflicts,
              summary.rows,
            ),
          ),
        });
        setReview(null);
        setConflicts(summary.conflictRows);
        setSentAt(seenEdits.current);
      }
    });

  return (
    <section className={styles.section} aria-label={s.title}>
      <Subtitle2 as="h2">{s.title}</Subtitle2>
      {hasPasswords && (
        <>
          <RadioGroup value={mode} onChange={(_, d) => setMode(d.value as RegistrationMode)}>
            <Radio value="invite" label={s.modeInvite} />
            <Radio value="password" label={s.modePassword} />
          </RadioGroup>
          <Checkbox
            checked={passwordUpdates}
            onChange={(_, d) => setPasswordUpdates(d.checked === true)}
            label={s.passwordUpdates}
          />
          {passwordUpdates && (
            <Checkbox
              checked={mailPassword}
              onChange={(_, d) => setMailPassword(d.checked === true)}
              label={s.mailPassword}
            />
          )}
        </>
      )}
      {!controller.features.invitations ? null : mode === 'invite' ? (
        <Checkbox
          checked={sendMail}
          onChange={(_, d) => setSendMail(d.checked === true)}
          label={s.sendMail}
        />
      ) : (
        <Caption1>{s.passwordMailed}</Caption1>
      )}
      <Button disabled={busy} onClick={() => void doReview()}>
        {s.review}
      </Button>
      {review && (
        <>
          <Caption1 role="status">
            {s.counts(
              review.changeset.additions.length,
              review.changeset.updates.length,
              deletions,
              review.problems.length,
            )}
          </Caption1>
          {stale && (
            <MessageBar intent="info">
              <MessageBarBody>{s.stale}</MessageBarBody>
            </MessageBar>
          )}
          {review.notSent > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody>{s.willNotSend(review.notSent, review.rows - review.notSent)}</MessageBarBody>
            </MessageBar>
          )}
          <ReviewLists locale={locale} profile={profile} changeset={review.changeset} guarded={guarded} />
          {guarded && (
            <Field label={s.confirmLabel} hint={s.confirmDeletions(deletions)}>
              <Input
                name="confirmDeletions"
                value={confirm}
                onChange={(_, d) => setConfirm(d.value)}
                inputMode="numeric"
              />
            </Field>
          )}
          <div className={styles.row}>
            {controller.features.dryRun && (
              <Button disabled={busy || total === 0} onClick={() => void send(true)}>
                {s.check}
              </Button>
            )}
            <Button
              appearance="primary"
              disabled={busy || total === 0 || !confirmed}
              onClick={() => void send(false)}
            >
              {s.send}
            </Button>
            {busy && progress && (
              <Button onClick={() => cancel.current?.abort()} appearance="subtle">
                {s.cancel}
              </Button>
            )}
          </div>
          {total === 0 && <Caption1>{s.nothing}</Caption1>}
        </>
      )}
      {progress && (
        <>
          <ProgressBar value={progress.total === 0 ? 1 : progress.done / progress.total} />
          <Caption1>{s.sending(progress.done, progress.total, review?.notSent ?? 0)}</Caption1>
        </>
      )}
      <ConflictList
        locale={locale}
        profile={profile}
        controller={controller}
        rows={conflicts}
        busy={busy}
        run={run}
        onResolved={(row) => {
          setConflicts((rows) => rows.filter((r) => r !== row));
          setMessage({ intent: 'success', text: s.resolved(row) });
        }}
      />
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      <Button
        appearance="subtle"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const r = await controller.exportErrors();
            setMessage({ intent: 'success', text: s.exported(r.rows, r.sheetName) });
          })
        }
      >
        {s.exportErrors}
      </Button>
    </section>
  );
}
