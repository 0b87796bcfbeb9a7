// The submission record (issue 15, "a receipt"): what each submission did, appended to a sheet
// of the workbook. Pure: the controller gathers the facts, the sheet only appends the lines.
import { withoutRowPrefix, type Locale, type Problem } from '../domain';
import type { SubmitOutcome } from '../client/Submitter';
import { resultText } from './submission';

export const RECEIPT_SHEET = { ja: '送信記録', en: 'Submission log' } as const;

const WORDS = {
  ja: {
    header: ['日時', '送信者', '送信先', '行', '操作', 'ユーザーID', '結果'],
    submission: '送信',
    create: '追加',
    update: '更新',
    delete: '削除',
    held: '未送信（問題あり）',
    because: '：',
  },
  en: {
    header: ['Time', 'Sent by', 'Server', 'Row', 'Action', 'User ID', 'Result'],
    submission: 'Submission',
    create: 'Add',
    update: 'Update',
    delete: 'Delete',
    held: 'Not sent (problems)',
    because: ': ',
  },
} as const;

export interface ReceiptFacts {
  at: Date;
  who: string;
  server: string;
  /** The summary line's result: the counts as the pane says them. */
  counts: string;
  outcomes: readonly SubmitOutcome[];
  /** Rows held back for their problems, with whether they were new (no id). */
  held: readonly { rowNumber: number; isNew: boolean }[];
  problems: readonly Problem[];
  /** The user ID of a sheet row (as sent, or as the server assigned it). */
  userOf: (rowNumber: number) => string;
}

/** Local time, as the admin reads it: 2026-04-01 09:05:00. */
function stamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}:${p(at.getSeconds())}`;
}

export function receiptHeader(locale: Locale): string[] {
  return [...WORDS[locale].header];
}

/** One summary line, then one line per row of the submission, in sheet order; deletions last. */
export function receiptLines(f: ReceiptFacts, locale: Locale): string[][] {
  const w = WORDS[locale];
  const head = [stamp(f.at), f.who, f.server];
  const lines: { at: number; line: string[] }[] = [];
  for (const o of f.outcomes) {
    const row = o.op.kind === 'delete' ? null : o.op.rowNumber;
    const user = o.op.kind === 'delete' ? o.op.userName : f.userOf(o.op.rowNumber);
    lines.push({
      at: row ?? Number.MAX_SAFE_INTEGER,
      line: [...head, row === null ? '' : String(row), w[o.op.kind], user, resultText(o, locale)],
    });
  }
  for (const h of f.held) {
    const why = f.problems
      .filter((p) => p.rowNumber === h.rowNumber)
      .map((p) => withoutRowPrefix(p.message, h.rowNumber, locale));
    lines.push({
      at: h.rowNumber,
      line: [
        ...head,
        String(h.rowNumber),
        h.isNew ? w.create : w.update,
        f.userOf(h.rowNumber),
        why.length > 0 ? `${w.held}${w.because}${why.join(' / ')}` : w.held,
      ],
    });
  }
  lines.sort((a, b) => a.at - b.at);
  return [[...head, '', w.submission, '', f.counts], ...lines.map((l) => l.line)];
}
