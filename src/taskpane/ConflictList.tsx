import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { Locale, Profile } from '../domain';
import { strings } from './i18n';
import type { RosterController } from './RosterController';
import { reviewWords, useListStyles } from './ReviewLists';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
});

export interface ConflictListProps {
  locale: Locale;
  profile: Profile;
  controller: RosterController;
  /** Sheet rows whose user was changed on the server since the pull. */
  rows: number[];
  busy: boolean;
  /** The submit section's runner: busy while it works, its error shown there. */
  run: (work: () => Promise<void>) => Promise<void>;
  onResolved: (row: number) => void;
}

/** Each conflict: what differs (sheet vs server) on request, and the admin's choice of which wins. */
export function ConflictList({
  locale,
  profile,
  controller,
  rows,
  busy,
  run,
  onResolved,
}: ConflictListProps) {
  const s = strings[locale].submit;
  const styles = useStyles();
  const list = useListStyles();
  const { header } = reviewWords(profile, locale);
  const [details, setDetails] = useState<Record<number, { column: string; sheet: string; server: string }[]>>(
    {},
  );
  if (rows.length === 0) return null;
  return (
    <div className={styles.section} aria-label={s.conflicts}>
      <Caption1>{s.conflicts}</Caption1>
      {rows.map((row) => (
        <div key={row} className={styles.section}>
          <div className={styles.row}>
            <strong>{s.row(row)}</strong>
            {!details[row] && (
              <Button
                size="small"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    const c = await controller.conflict(row);
                    setDetails((d) => ({ ...d, [row]: c.differences }));
                  })
                }
              >
                {s.showConflict}
              </Button>
            )}
          </div>
          {details[row] && (
            <ul className={list.list}>
              {details[row].map((d) => (
                <li
                  key={d.column}
                >{`${header(d.column)}: ${s.sheetSays}「${d.sheet}」／${s.serverSays}「${d.server}」`}</li>
              ))}
            </ul>
          )}
          <div className={styles.row}>
            {(['server', 'overwrite'] as const).map((choice) => (
              <Button
                key={choice}
                size="small"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    await controller.resolveConflict(row, choice);
                    onResolved(row);
                  })
                }
              >
                {choice === 'server' ? s.takeServer : s.overwrite}
              </Button>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
