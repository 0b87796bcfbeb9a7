import { makeStyles, tokens } from '@fluentui/react-components';
import { choiceLabel, type Changeset, type Locale, type Profile } from '../domain';
import { strings } from './i18n';
import { reviewValue } from './submission';

export const useListStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '25vh',
    overflowY: 'auto',
    fontSize: tokens.fontSizeBase200,
  },
});

/** A column's header and a value as the review shows it: in words (権限 編集者 → 管理者), passwords masked. */
export function reviewWords(profile: Profile, locale: Locale) {
  const column = (key: string) => profile.columns.find((c) => c.key === key);
  return {
    header: (key: string) => column(key)?.header[locale] ?? key,
    shown: (key: string, value: string) =>
      reviewValue(choiceLabel(column(key), value, locale), column(key)?.writeOnly ?? false),
  };
}

export interface ReviewListsProps {
  locale: Locale;
  profile: Profile;
  changeset: Changeset;
  /** Many deletions: the list opens by itself, beside the confirmation. */
  guarded: boolean;
}

/** The additions, updates and deletions of a review, each in a list the admin can open. */
export function ReviewLists({ locale, profile, changeset, guarded }: ReviewListsProps) {
  const s = strings[locale].submit;
  const styles = useListStyles();
  const { header, shown } = reviewWords(profile, locale);
  const user = profile.userNameColumn;
  return (
    <>
      {changeset.additions.length > 0 && (
        <details>
          <summary>{s.additions}</summary>
          <ul className={styles.list}>
            {changeset.additions.map((a) => (
              <li
                key={a.rowNumber}
              >{`${s.row(a.rowNumber)}: ${a.values[user] || '—'} ${a.values.displayName ?? ''}`}</li>
            ))}
          </ul>
        </details>
      )}
      {changeset.updates.length > 0 && (
        <details>
          <summary>{s.updates}</summary>
          <ul className={styles.list}>
            {changeset.updates.map((u) => (
              <li key={u.id}>
                {`${s.row(u.rowNumber)}: `}
                {u.changes
                  .map(
                    (c) =>
                      `${header(c.column)} ${shown(c.column, c.before) || '∅'} → ${shown(c.column, c.after) || '∅'}`,
                  )
                  .join(locale === 'ja' ? '、' : ', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      {changeset.deletions.length > 0 && (
        <details open={guarded}>
          <summary>{s.deletions}</summary>
          <ul className={styles.list}>
            {changeset.deletions.map((d) => (
              <li key={d.id}>{`${d.values[user] ?? ''}（${d.values.displayName ?? ''}）`}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
