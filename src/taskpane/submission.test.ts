import {
  deletionNeedsConfirmation,
  notSentCells,
  nextBaseline,
  outcomeProblems,
  resultCells,
  reviewValue,
} from './submission';
import type { SubmitOutcome } from '../client/Submitter';

const create = { kind: 'create' as const, rowNumber: 7, clientKey: 'k7', body: {} };
const update = { kind: 'update' as const, rowNumber: 8, id: 'u8', version: 'W/"1"', body: {}, changes: [] };
const remove = { kind: 'delete' as const, id: 'u9', version: 'W/"1"', userName: 'gone' };

describe('deletion guard', () => {
  test.each([
    [0, 10, false],
    [1, 10, false],
    [2, 10, true],
    [20, 1000, false],
    [21, 1000, true],
    [30, 300, true],
    [5, 300, false],
  ])('%i deletions of %i pulled users need confirmation: %s', (d, n, needed) => {
    expect(deletionNeedsConfirmation(d, n)).toBe(needed);
  });
});

describe('results on the sheet', () => {
  const outcomes: SubmitOutcome[] = [
    { op: create, status: 'done', id: 'new7', version: 'W/"1"' },
    { op: update, status: 'conflict', detail: 'changed' },
    { op: remove, status: 'failed', httpStatus: 400, detail: 'own account', problems: [] },
  ];

  test('results, the new id and version, the cleared key and password', () => {
    expect(resultCells(outcomes, 'ja', 'password')).toEqual([
      { rowNumber: 7, column: 'result', value: '送信済み' },
      { rowNumber: 7, column: '#version', value: 'W/"1"' },
      { rowNumber: 7, column: '#id', value: 'new7' },
      { rowNumber: 7, column: '#key', value: '' },
      { rowNumber: 7, column: 'password', value: '' },
      { rowNumber: 8, column: 'result', value: '競合' },
    ]);
  });

  test('a failed row says why; a row held back for problems says so; cancelled rows too', () => {
    const failed: SubmitOutcome = {
      op: { ...update, rowNumber: 4 },
      status: 'failed',
      httpStatus: 409,
      detail: 'Conflict',
      problems: [{ column: 'email', code: 'duplicate', message: 'このメールアドレスは既に使われています。' }],
    };
    const cancelled: SubmitOutcome = { op: { ...create, rowNumber: 5 }, status: 'skipped' };
    expect(resultCells([failed, cancelled], 'ja', undefined)).toEqual([
      { rowNumber: 4, column: 'result', value: '失敗（このメールアドレスは既に使われています。）' },
      { rowNumber: 5, column: 'result', value: '未送信（中止）' },
    ]);
    expect(notSentCells([3, 9], 'ja')).toEqual([
      { rowNumber: 3, column: 'result', value: '未送信（問題あり）' },
      { rowNumber: 9, column: 'result', value: '未送信（問題あり）' },
    ]);
    expect(notSentCells([3], 'en')).toEqual([
      { rowNumber: 3, column: 'result', value: 'Not sent (problems)' },
    ]);
    expect(resultCells([failed], 'en', undefined)[0]!.value).toBe(
      'Failed (このメールアドレスは既に使われています。)',
    );
  });

  test('conflicts and errors become problems; a deleted row has no row number but its id', () => {
    expect(outcomeProblems(outcomes, 'en', 'userName')).toEqual([
      expect.objectContaining({
        rowNumber: 8,
        column: 'userName',
        id: 'u8',
        message: expect.stringMatching(/^Row 8: Not updated/),
      }),
      expect.objectContaining({ rowNumber: null, id: 'u9', message: 'Deleted row: own account' }),
    ]);
  });

  test('the baseline keeps what the server now holds, never a password', () => {
    const baseline = {
      meta: { tenant: 't', profileId: 'eq' as const, locale: 'ja' as const, sheetName: '名簿', pulledAt: '' },
      users: [{ id: 'u9', version: '1', values: {}, flags: {} }],
    };
    const next = nextBaseline(
      baseline,
      [{ rowNumber: 7, values: { displayName: 'x', password: 'secret' } }],
      [outcomes[0]!, { op: remove, status: 'done', id: 'u9', version: '' }],
    );
    expect(next.users).toEqual([{ id: 'new7', version: 'W/"1"', values: { displayName: 'x' }, flags: {} }]);
  });

  test('passwords show as ********', () => {
    expect(reviewValue('Secret-1', true)).toBe('********');
    expect(reviewValue('', true)).toBe('');
    expect(reviewValue('x', false)).toBe('x');
  });
});
