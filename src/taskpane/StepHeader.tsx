import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Locale } from '../domain';
import { strings } from './i18n';

/** Where the admin is: ① connect ② pull ③ edit and check ④ review ⑤ submit. */
export type Step = 1 | 2 | 3 | 4 | 5;

const useStyles = makeStyles({
  nav: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  step: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  done: { color: tokens.colorNeutralForeground2 },
  current: {
    color: tokens.colorBrandForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `2px solid ${tokens.colorBrandStroke1}`,
  },
  hint: { color: tokens.colorNeutralForeground2 },
});

const CIRCLED = ['①', '②', '③', '④', '⑤'];

/** The five steps, the current one marked (aria-current), with one line on what to do now. */
export function StepHeader({ locale, step }: { locale: Locale; step: Step }) {
  const t = strings[locale].steps;
  const styles = useStyles();
  return (
    <nav className={styles.nav} aria-label={t.label}>
      <ol className={styles.list}>
        {t.names.map((name, i) => {
          const n = i + 1;
          return (
            <li
              key={name}
              aria-current={n === step ? 'step' : undefined}
              aria-label={t.current(n, name)}
              className={mergeClasses(styles.step, n < step && styles.done, n === step && styles.current)}
            >
              {`${n < step ? '✓' : CIRCLED[i]} ${name}`}
            </li>
          );
        })}
      </ol>
      <Caption1 className={styles.hint} role="status">
        {t.hints[step - 1]}
      </Caption1>
    </nav>
  );
}
