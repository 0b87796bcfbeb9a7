// What a submission's outcomes mean for the sheet and the baseline: pure, so it is tested alone.
import { rowPrefix, type Changeset, type Locale, type Problem, type RosterRow } from '../domain';
import type { SubmitOp } from '../scim/operations';
import type { SubmitOutcome } from '../client/Submitter';
import type { Baseline, CellWrite } from '../excel/RosterSheet';
import { ID_HEADER, KEY_HEADER, RESULT_KEY, VERSION_HEADER } from '../excel/sheetLayout';

/** What the result column says of a row (issue 15: every row the admin touched has one). */
const RESULT = {
  ja: {
    done: '送信済み',
    failed: (why: string) => `失敗（${why}）`,
    conflict: '競合',
    skipped: '未送信（中止）',
    problems: '未送信（問題あり）',
  },
  en: {
    done: 'Sent',
    failed: (why: string) => `Failed (${why})`,
    conflict: 'Conflict',
    skipped: 'Not sent (cancelled)',
    problems: 'Not sent (problems)',
  },
} as const;

/** What the result column and the record say of a sent row. */
export function resultText(o: SubmitOutcome, locale: Locale): string {
  const r = RESULT[locale];
  switch (o.status) {
    case 'done':
      return r.done;
    case 'conflict':
      return r.conflict;
    case 'skipped':
      return r.skipped;
    case 'failed':
      return r.failed(o.problems[0]?.message ?? o.detail);
  }
}

/** Whether a result text says the row has a problem: not sent for them, failed, or a conflict. */
export function isProblemResult(text: string, locale: Locale): boolean {
  const r = RESULT[locale];
  return text === r.problems || text === r.conflict || text.startsWith(r.failed('').slice(0, -1));
}

/** The result cells of rows held back because of their problems: not sent, and why. */
export function notSentCells(rowNumbers: readonly number[], locale: Locale): CellWrite[] {
  return rowNumbers.map((rowNumber) => ({ rowNumber, column: RESULT_KEY, value: RESULT[locale].problems }));
}

const CONFLICT = {
  ja: 'サーバー側で取得後に変更されたため、更新していません。名簿を取得し直して確認してください。',
  en: 'Not updated: the user changed on the server since the pull. Pull the roster again and check.',
} as const;

function rowOf(o: SubmitOutcome): number | null {
  return o.op.kind === 'delete' ? null : o.op.rowNumber;
}

/**
 * The cells a submission writes: every sent row's result; a created row's new id and version
 * (and its client key cleared, the id now says it exists); an updated row's new version; the
 * password cells of rows that succeeded, emptied.
 */
export function resultCells(
  outcomes: readonly SubmitOutcome[],
  locale: Locale,
  passwordColumn: string | undefined,
): CellWrite[] {
  const cells: CellWrite[] = [];
  for (const o of outcomes) {
    const rowNumber = rowOf(o);
    if (rowNumber === null) continue;
    cells.push({ rowNumber, column: RESULT_KEY, value: resultText(o, locale) });
    if (o.status !== 'done') continue;
    cells.push({ rowNumber, column: VERSION_HEADER, value: o.version });
    if (o.op.kind === 'create') {
      cells.push({ rowNumber, column: ID_HEADER, value: o.id });
      cells.push({ rowNumber, column: KEY_HEADER, value: '' });
    }
    if (passwordColumn) cells.push({ rowNumber, column: passwordColumn, value: '' });
  }
  return cells;
}

/** Problems for the cells of rows the server refused, in the same shape as local ones. */
export function outcomeProblems(
  outcomes: readonly SubmitOutcome[],
  locale: Locale,
  keyColumn: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const o of outcomes) {
    if (o.status !== 'failed' && o.status !== 'conflict') continue;
    const rowNumber = rowOf(o);
    const id = o.op.kind === 'create' ? undefined : o.op.id;
    const base = id === undefined ? {} : { id };
    if (o.status === 'conflict') {
      problems.push({
        rowNumber,
        column: keyColumn,
        code: 'readOnly',
        message: rowPrefix(rowNumber, locale) + CONFLICT[locale],
        ...base,
      });
    } else if (o.problems.length > 0) {
      for (const p of o.problems)
        problems.push({
          rowNumber,
          column: p.column === 'externalId' ? keyColumn : p.column,
          code: p.code as Problem['code'],
          message: rowPrefix(rowNumber, locale) + p.message,
          ...base,
        });
    } else {
      problems.push({
        rowNumber,
        column: keyColumn,
        code: 'invalidValue',
        message: rowPrefix(rowNumber, locale) + o.detail,
        ...base,
      });
    }
  }
  return problems;
}

/** The baseline after a submission: what succeeded is what the server now holds. */
export function nextBaseline(
  baseline: Baseline,
  rows: readonly RosterRow[],
  outcomes: readonly SubmitOutcome[],
): Baseline {
  const byRow = new Map(rows.map((r) => [r.rowNumber, r]));
  const users = new Map(baseline.users.map((u) => [u.id, u]));
  for (const o of outcomes) {
    if (o.status !== 'done') continue;
    if (o.op.kind === 'delete') {
      users.delete(o.op.id);
      continue;
    }
    const row = byRow.get(o.op.rowNumber);
    if (!row) continue;
    const values = Object.fromEntries(Object.entries(row.values).filter(([k]) => k !== 'password'));
    const before = users.get(o.id);
    users.set(o.id, { id: o.id, version: o.version, values, flags: before?.flags ?? {} });
  }
  return { meta: baseline.meta, users: [...users.values()] };
}

/**
 * Whether the admin must type the number of deletions before submitting: more than 20 users,
 * or more than 10% of the pulled roster (a sorted-then-cleared sheet deletes a lot by accident).
 */
export function deletionNeedsConfirmation(deletions: number, pulled: number): boolean {
  return deletions > 20 || (deletions > 0 && deletions > pulled * 0.1);
}

/** How a value shows in the review: passwords never, as the seed's preview does. */
export function reviewValue(value: string, writeOnly: boolean): string {
  return writeOnly && value !== '' ? '********' : value;
}

/**
 * The rows of a changeset, and those of them no operation sends (held back for their problems):
 * added, changed and deleted rows, and rows whose id is unknown or repeated (the admin's work
 * too, though they never become a change). Deleted rows count by id; the others by sheet row.
 */
export function heldBack(
  changeset: Pick<Changeset, 'additions' | 'updates' | 'deletions' | 'problems'>,
  ops: readonly SubmitOp[],
): { rows: number; held: number; heldRows: number[] } {
  const sent = new Set(ops.map((o) => (o.kind === 'delete' ? `d:${o.id}` : `r:${o.rowNumber}`)));
  const rows = new Set([
    ...changeset.additions.map((a) => `r:${a.rowNumber}`),
    ...changeset.updates.map((u) => `r:${u.rowNumber}`),
    ...changeset.deletions.map((d) => `d:${d.id}`),
    ...changeset.problems
      .filter((p) => p.rowNumber !== null && (p.code === 'unknownId' || p.code === 'duplicate'))
      .map((p) => `r:${p.rowNumber}`),
  ]);
  const held = [...rows].filter((k) => !sent.has(k));
  return {
    rows: rows.size,
    held: held.length,
    heldRows: held.filter((k) => k.startsWith('r:')).map((k) => Number(k.slice(2))),
  };
}
