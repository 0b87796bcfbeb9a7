import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Locale, Problem, Profile } from '../domain';
import type { SearchField } from '../client/RosterClient';
import type { RosterSheet } from '../excel/RosterSheet';
import { errorText } from './errorText';
import { strings } from './i18n';
import type { RosterController } from './RosterController';
import { DiscardDialog } from './DiscardDialog';
import { MailPanel } from './MailPanel';
import { ProblemList } from './ProblemList';
import type { Step } from './StepHeader';
import { SubmitPanel } from './SubmitPanel';
import { SheetTools } from './SheetTools';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
});

export interface RosterPaneProps {
  locale: Locale;
  controller: RosterController;
  sheet: RosterSheet;
  profileId: Profile['id'];
  /** Tells the step header where the admin is (② to ⑤). */
  onStep: (step: Step) => void;
}

type Status = { kind: 'info' | 'success' | 'error'; text: string } | null;

/** Pull, search, check, problems, and the roster as of a past time. */
export function RosterPane({ locale, controller, sheet, profileId, onStep }: RosterPaneProps) {
  const t = strings[locale];
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [auto, setAuto] = useState(true);
  const [field, setField] = useState<SearchField>(profileId === 'jairo' ? 'memberNumber' : 'email');
  const [text, setText] = useState('');
  const [versions, setVersions] = useState<{ at: Date; changes: number }[] | null>(null);
  const [asOf, setAsOf] = useState<string>('');
  // Each pull makes a new roster sheet, so the edit subscription is made again.
  const [pulls, setPulls] = useState(0);
  const validating = useRef(false);
  // Whether an editable roster is in the workbook: until then only pulling makes sense.
  const [pulled, setPulled] = useState<boolean | null>(null);
  // ④ or ⑤ while the submit section has a review open or has just sent; edits bring back ③.
  const [submitStep, setSubmitStep] = useState<4 | 5 | null>(null);
  // Each edit of the sheet by the admin: what was said before about the sheet may no longer hold.
  const [edits, setEdits] = useState(0);
  useEffect(() => {
    let alive = true;
    controller.hasRoster().then(
      (has) => alive && setPulled(has),
      () => alive && setPulled(false),
    );
    return () => {
      alive = false;
    };
  }, [controller]);
  useEffect(() => {
    if (pulled !== null) onStep(pulled ? (submitStep ?? 3) : 2);
  }, [pulled, submitStep, onStep]);
  // A pull or search waiting for the admin's answer: the sheet holds unsent changes.
  const [asking, setAsking] = useState<{
    unsent: number;
    search?: { field: SearchField; text: string };
  } | null>(null);

  const act = async (work: () => Promise<Status>) => {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e, t) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const validate = async (): Promise<Status> => {
    validating.current = true;
    try {
      const found = await controller.validate();
      setProblems(found);
      return found.length === 0 ? { kind: 'success', text: t.roster.noProblems } : null;
    } finally {
      validating.current = false;
    }
  };

  const pulling = async (search?: { field: SearchField; text: string }): Promise<Status> => {
    const n = await controller.pull((done, total) => {
      setProgress(total === 0 ? 1 : done / total);
      setStatus({ kind: 'info', text: t.roster.pulling(done, total) });
    }, search);
    setPulls((n) => n + 1);
    setPulled(true);
    await validate();
    return { kind: 'success', text: t.roster.pulled(n) };
  };

  // A pull or search replaces the roster sheet: with unsent changes there, ask first.
  const pull = (search?: { field: SearchField; text: string }) =>
    act(async () => {
      const unsent = await controller.unsentChanges();
      if (unsent === 0) return pulling(search);
      setAsking(search ? { unsent, search } : { unsent });
      return null;
    });

  // Edits arrive as events: each one counts (so old messages can go), and with automatic checks
  // on, the sheet is checked again once the admin pauses (debounced; the check reads the sheet).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let off: (() => Promise<void>) | undefined;
    let alive = true;
    void sheet
      .onEdited(() => {
        setEdits((n) => n + 1);
        if (!auto) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          // The result replaces what the pane said before (no stale "no problems" beside a list).
          if (!validating.current)
            void validate().then(setStatus, (e: unknown) =>
              setStatus({ kind: 'error', text: errorText(e, t) }),
            );
        }, 600);
      })
      .then((remove) => {
        if (alive) off = remove;
        else void remove();
      });
    return () => {
      alive = false;
      clearTimeout(timer);
      void off?.();
    };
  }, [auto, pulls, sheet]);

  const fields: SearchField[] =
    profileId === 'jairo' ? ['memberNumber', 'displayName', 'email'] : ['displayName', 'email'];

  const statusBlock = (
    <>
      {progress !== null && <ProgressBar value={progress} />}
      {status && (
        <MessageBar
          intent={status.kind === 'error' ? 'error' : status.kind === 'success' ? 'success' : 'info'}
        >
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );

  return (
    <>
      <DiscardDialog
        locale={locale}
        unsent={asking?.unsent ?? null}
        onCancel={() => setAsking(null)}
        onDiscard={() => {
          const search = asking?.search;
          setAsking(null);
          void act(() => pulling(search));
        }}
      />
      <section className={styles.section}>
        <Button appearance="primary" disabled={busy} onClick={() => void pull()}>
          {t.roster.pull}
        </Button>
        <div className={styles.row}>
          <Field label={t.roster.searchField}>
            <Dropdown
              value={t.roster.fields[field]}
              selectedOptions={[field]}
              onOptionSelect={(_, d) => setField(d.optionValue as SearchField)}
            >
              {fields.map((f) => (
                <Option key={f} value={f}>
                  {t.roster.fields[f]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={t.roster.searchText}>
            <Input value={text} onChange={(_, d) => setText(d.value)} name="search" />
          </Field>
          <Button disabled={busy || !text.trim()} onClick={() => void pull({ field, text: text.trim() })}>
            {t.roster.search}
          </Button>
        </div>
        {!pulled && statusBlock}
      </section>

      {pulled && (
        <section className={styles.section}>
          <div className={styles.row}>
            <Button disabled={busy} onClick={() => void act(validate)}>
              {busy ? t.roster.validating : t.roster.validate}
            </Button>
            <Checkbox
              checked={auto}
              onChange={(_, d) => setAuto(d.checked === true)}
              label={t.roster.autoValidate}
            />
          </div>
          {statusBlock}
          {problems && problems.length > 0 && (
            <ProblemList
              locale={locale}
              profile={controller.profile}
              problems={problems}
              onSelect={(p) => p.rowNumber !== null && void sheet.selectCell(p.rowNumber, p.column)}
            />
          )}
        </section>
      )}

      {pulled && controller.profile && (
        <SubmitPanel
          locale={locale}
          profile={controller.profile}
          controller={controller}
          onProblems={setProblems}
          edits={edits}
          onStep={setSubmitStep}
        />
      )}

      {/* Only what the server offers: another SCIM service has no mail and no as-of rosters. */}
      {pulled && controller.features.mail && <MailPanel locale={locale} controller={controller} />}
      <SheetTools
        pulls={pulls}
        locale={locale}
        controller={controller}
        sheet={sheet}
        pulled={pulled === true}
        onRoster={() => {
          setPulls((n) => n + 1);
          setPulled(true);
        }}
      />

      {controller.features.asOf && (
        <section className={styles.section}>
          <Subtitle2 as="h2">{t.roster.asOf}</Subtitle2>
          {versions === null ? (
            <Button
              disabled={busy}
              onClick={() => void act(async () => (setVersions(await controller.versions()), null))}
            >
              {t.roster.asOfLoad}
            </Button>
          ) : (
            <div className={styles.row}>
              <Field label={t.roster.asOfPick}>
                <Dropdown
                  value={asOf ? new Date(asOf).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US') : ''}
                  selectedOptions={asOf ? [asOf] : []}
                  onOptionSelect={(_, d) => setAsOf(d.optionValue ?? '')}
                >
                  {versions.map((v) => (
                    <Option
                      key={v.at.toISOString()}
                      value={v.at.toISOString()}
                      text={v.at.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US')}
                    >
                      {`${v.at.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US')}（${t.roster.changes(v.changes)}）`}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Button
                disabled={busy || !asOf}
                onClick={() =>
                  void act(async () => {
                    const r = await controller.pullAsOf(new Date(asOf));
                    return { kind: 'success', text: t.roster.asOfPulled(r.count, r.sheetName) };
                  })
                }
              >
                {t.roster.asOfPull}
              </Button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
