// What a check shows on the sheet beside the problems (issue 15): pure, from the changeset.
import { changedCells, type Changeset, type Locale, type Profile, type RosterRow } from '../domain';
import type { CheckMarks } from '../excel/RosterSheet';
import { isProblemResult, notSentCells } from './submission';

/** The result a row with problems shows after each check: the submission's 未送信（問題あり）. */
export function problemResultText(locale: Locale): string {
  return notSentCells([0], locale)[0]!.value;
}

/**
 * A check's marks: the light fill on every changed, unsent cell and the result text of rows with
 * problems. After a submission, `unsent` leaves out the rows that went (their fill clears).
 */
export function checkMarks(
  profile: Profile,
  changeset: Pick<Changeset, 'additions' | 'updates'>,
  rows: readonly RosterRow[],
  locale: Locale,
  unsent?: (rowNumber: number) => boolean,
): CheckMarks {
  const changed = changedCells(profile, changeset, rows, unsent);
  return unsent ? { changed } : { changed, problemResult: problemResultText(locale) };
}

/** Whether a result cell names a row with problems: not sent for them, failed, or a conflict. */
export const problemRow = (locale: Locale) => (result: string) => isProblemResult(result, locale);
