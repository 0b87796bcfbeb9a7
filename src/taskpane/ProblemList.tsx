import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Locale, Problem, Profile } from '../domain';
import { strings } from './i18n';
import { groupProblems } from './problemGroups';

const useStyles = makeStyles({
  groups: {
    maxHeight: '40vh',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  summary: {
    cursor: 'pointer',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    overflowWrap: 'anywhere',
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    background: 'none',
    cursor: 'pointer',
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
});

/** Up to this many problems, every group starts open (a few problems are read at a glance). */
const OPEN_UP_TO = 20;
/** Rows listed per group; the rest are marked on the sheet and counted. */
const ROWS_SHOWN = 200;

export interface ProblemListProps {
  locale: Locale;
  profile: Profile | undefined;
  problems: readonly Problem[];
  onSelect: (p: Problem) => void;
}

/** The problems grouped by kind with their counts; expand a group to see its rows, click one to select its cell. */
export function ProblemList({ locale, profile, problems, onSelect }: ProblemListProps) {
  const t = strings[locale].roster;
  const styles = useStyles();
  const headerOf = (key: string) => profile?.columns.find((c) => c.key === key)?.header[locale] ?? key;
  const groups = groupProblems(problems, locale, headerOf);
  const open = problems.length <= OPEN_UP_TO;
  return (
    <>
      <Caption1 role="status">{t.problems(problems.length)}</Caption1>
      <div className={styles.groups} aria-label={t.problems(problems.length)}>
        {groups.map((g) => (
          <details key={g.key} open={open}>
            <summary className={styles.summary}>{t.group(g.problems.length, g.label)}</summary>
            <ul className={styles.list}>
              {g.problems.slice(0, ROWS_SHOWN).map((p, i) => (
                <li key={`${p.rowNumber}-${p.id ?? ''}-${i}`}>
                  <button className={styles.item} type="button" onClick={() => onSelect(p)}>
                    {p.message}
                  </button>
                </li>
              ))}
              {g.problems.length > ROWS_SHOWN && (
                <li className={styles.item}>{t.more(g.problems.length - ROWS_SHOWN)}</li>
              )}
            </ul>
          </details>
        ))}
      </div>
    </>
  );
}
