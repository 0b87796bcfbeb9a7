import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Locale } from '../domain';
import type { RosterSheet } from '../excel/RosterSheet';
import { strings } from './i18n';
import type { RosterController } from './RosterController';
import { SheetTools as Tools } from './sheetActions';
import { useBusyRun } from './useBusyRun';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface SheetToolsProps {
  locale: Locale;
  controller: RosterController;
  sheet: RosterSheet;
  /** Whether a roster is in the sheet: the problems filter needs one. */
  pulled: boolean;
  /** Counts the roster sheets made: a new one has no filter on. */
  pulls: number;
  /** A new roster sheet was made: the pane follows it (edit events, step ③). */
  onRoster: () => void;
}

/**
 * Issue 15's aids on the sheet: show only the rows with problems (a filter on the result column),
 * the 列の説明 sheet, and a new roster for an organization with no users yet.
 */
export function SheetTools({ locale, controller, sheet, pulled, pulls, onRoster }: SheetToolsProps) {
  const t = strings[locale];
  const s = t.sheet;
  const styles = useStyles();
  const tools = useMemo(() => new Tools(controller, sheet, locale), [controller, sheet, locale]);
  const { busy, message, run } = useBusyRun(t);
  const [only, setOnly] = useState(false);
  useEffect(() => setOnly(false), [pulls]);

  const filter = (on: boolean) =>
    run(async () => {
      const shown = await tools.showOnlyProblems(on);
      setOnly(on && shown > 0);
      if (!on) return { intent: 'info', text: s.allShown };
      return shown > 0
        ? { intent: 'info', text: s.filtered(shown) }
        : { intent: 'success', text: s.noneToShow };
    });

  const guide = () => run(async () => ({ intent: 'success', text: s.guideDone(await tools.columnGuide()) }));

  const fresh = () =>
    run(async () => {
      const r = await tools.newRoster();
      if (r.kind === 'unsent') return { intent: 'warning', text: s.unsent(r.unsent) };
      if (r.kind === 'hasUsers') return { intent: 'warning', text: s.hasUsers(r.users) };
      setOnly(false);
      onRoster();
      return { intent: 'success', text: s.newRosterDone(r.sheetName) };
    });

  return (
    <section className={styles.section} aria-label={s.title}>
      <Subtitle2 as="h2">{s.title}</Subtitle2>
      {pulled && (
        <>
          <Caption1>{s.changedHint}</Caption1>
          <Switch
            checked={only}
            disabled={busy}
            label={s.onlyProblems}
            onChange={(_, d) => void filter(d.checked)}
          />
        </>
      )}
      <Button disabled={busy} onClick={() => void guide()}>
        {s.guide}
      </Button>
      <Caption1>{s.newRosterHint}</Caption1>
      <Button disabled={busy} onClick={() => void fresh()}>
        {s.newRoster}
      </Button>
      {message && (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
