import type { BaselineRow, Mode, RosterRow, ValidateOptions } from '../src/domain';

/** A valid new eq user for invitation: every required field filled. */
export function eqValues(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  return compact({
    displayName: '山田太郎',
    userName: 'taro.yamada',
    email: 'taro.yamada@example.ac.jp',
    password: '',
    groups: '10 20',
    remarks: '',
    role: '0',
    canComment: '1',
    status: '1',
    ...overrides,
  });
}

/** A valid jairo user. */
export function jairoValues(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  return compact({
    memberNumber: '',
    userName: 'hanako',
    displayName: '佐藤 花子',
    email: 'hanako@example.ac.jp',
    role: '教員',
    ...overrides,
  });
}

/** `undefined` in overrides removes the column, as a sheet without that column would. */
function compact(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

export function row(
  rowNumber: number,
  values: Record<string, string>,
  extra: Partial<RosterRow> = {},
): RosterRow {
  return { rowNumber, values, ...extra };
}

export function options(mode: Mode, extra: Partial<ValidateOptions> = {}): ValidateOptions {
  return { mode, locale: 'ja', passwordClasses: 2, ...extra };
}

/** A generated eq roster of `n` distinct, valid users as pulled from the server. */
export function eqBaseline(n: number): BaselineRow[] {
  const out: BaselineRow[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: `id-${i}`,
      version: `W/"${i}"`,
      values: eqValues({
        displayName: `利用者${i}`,
        userName: `user${String(i).padStart(6, '0')}`,
        email: `user${i}@example.ac.jp`,
        groups: String(100 + (i % 7)),
        remarks: i % 3 === 0 ? `備考${i}` : '',
        role: String(i % 3),
        canComment: String(i % 2),
        status: i % 10 === 0 ? '2' : '1',
      }),
    });
  }
  return out;
}

/** The sheet rows an untouched pull of `baseline` produces, from row 2 (row 1 is the header). */
export function rowsOf(baseline: readonly BaselineRow[]): RosterRow[] {
  return baseline.map((b, i) => ({ rowNumber: i + 2, id: b.id, values: { ...b.values }, flags: b.flags }));
}
