import { FakeExcel } from '../../test/excel/FakeExcel';
import { bulkCreate, eqUser } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { paneOnServer, rowOfUser } from '../../test/paneOnServer';

let h: Harness;
let t: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'submit', userLimit: 5000 });
  await scim(h, t, 'POST', '/Bulk', bulkCreate('sub', 8));
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

function pane(excel: FakeExcel, fetchFn?: typeof fetch) {
  return paneOnServer(excel, base, t, fetchFn);
}

const rowOf = rowOfUser;
const text = (excel: FakeExcel, address: string) => String(excel.cell('名簿', address)?.value ?? '');
const lastRow = (excel: FakeExcel) => excel.sheets.get('名簿')!.maxRow() + 1;

async function fill(excel: FakeExcel, row: number, values: Record<string, string>) {
  const cols: Record<string, string> = {
    displayName: 'A',
    userName: 'B',
    email: 'C',
    password: 'D',
    groups: 'E',
    remarks: 'F',
    role: 'G',
    canComment: 'H',
    status: 'I',
  };
  for (const [k, v] of Object.entries(values)) await excel.type('名簿', `${cols[k]}${row}`, v);
}

async function serverUsers() {
  const list = (await scim(h, t, 'GET', '/Users?count=1000')).json().Resources as {
    userName: string;
    displayName: string;
    externalId?: string;
  }[];
  return new Map(list.map((u) => [u.userName, u]));
}

describe('submitting the sheet', () => {
  test('3 changed rows, 2 new rows and 1 deleted row reach the server; results and new ids land on the sheet', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    await fill(excel, rowOf(excel, 'sub00000'), { displayName: '変更一' });
    await fill(excel, rowOf(excel, 'sub00001'), { remarks: '異動' });
    await fill(excel, rowOf(excel, 'sub00002'), { role: '1' });
    await excel.deleteRow('名簿', rowOf(excel, 'sub00003'));
    const first = lastRow(excel) + 1;
    await fill(excel, first, {
      displayName: '新人一',
      userName: 'new.one',
      email: 'new.one@example.jp',
      role: '0',
      canComment: '1',
      groups: t.groups[0]!,
    });
    await fill(excel, first + 1, { displayName: '新人二', email: 'new.two@example.jp', role: '2' });

    const review = await c.review();
    expect([
      review.changeset.additions.length,
      review.changeset.updates.length,
      review.changeset.deletions.length,
    ]).toEqual([2, 3, 1]);
    expect(review.problems).toEqual([]);

    const summary = await c.submit({
      newKey: (() => {
        let n = 0;
        return () => `rs-test-${++n}`;
      })(),
    });
    expect(summary).toMatchObject({
      additions: 2,
      updates: 3,
      deletions: 1,
      done: 6,
      failed: 0,
      conflicts: 0,
    });
    expect(text(excel, `K${first}`)).toBe('送信済み');
    expect(text(excel, `L${first}`)).not.toBe('');
    // The server assigned the second new user's ID and both are provisional (invited, mail later).
    expect(text(excel, `B${first + 1}`)).toMatch(/^u\d{7}$/);
    expect(text(excel, `J${first}`)).toBe('仮登録');

    const users = await serverUsers();
    expect(users.get('sub00000')!.displayName).toBe('変更一');
    expect(users.has('sub00003')).toBe(false);
    expect(users.get('new.one')!.externalId).toBe('rs-test-1');

    // Pull again: the sheet and the server agree, nothing left to send.
    await c.pull();
    const again = await c.review();
    expect([again.changeset.additions, again.changeset.updates, again.changeset.deletions]).toEqual([
      [],
      [],
      [],
    ]);
  });

  test.each([
    ['this server: the Bulk answers carry the new users, nothing is read back', false],
    ['a server whose Bulk answers carry no resource: the new users are read back by client key', true],
  ])('what the server assigned lands on the sheet (%s)', async (_what, strip) => {
    const requests: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
      const res = await fetch(input, init);
      if (!strip || !String(input).includes('/Bulk')) return res;
      const body = (await res.json()) as { Operations: Record<string, unknown>[] };
      for (const op of body.Operations) delete op.response;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const excel = new FakeExcel();
    const c = pane(excel, fetchFn);
    await c.init();
    await c.pull();
    const first = lastRow(excel) + 1;
    const tag = strip ? 'b' : 'a';
    await fill(excel, first, { displayName: `割当${tag}1`, email: `assign${tag}1@example.jp`, role: '2' });
    await fill(excel, first + 1, {
      displayName: `割当${tag}2`,
      email: `assign${tag}2@example.jp`,
      role: '2',
    });
    requests.length = 0;
    const summary = await c.submit();
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ done: 2, failed: 0 });
    const reads = requests.filter((r) => r.startsWith('GET') && r.includes('filter='));
    expect(reads).toHaveLength(strip ? 1 : 0);
    const users = await serverUsers();
    for (const row of [first, first + 1]) {
      const userName = text(excel, `B${row}`);
      expect(userName).toMatch(/^u\d{7}$/);
      expect(users.get(userName)?.displayName).toBe(text(excel, `A${row}`));
      expect(text(excel, `J${row}`)).toBe('仮登録');
    }
    // The baseline holds them too: nothing left to send.
    const again = await c.review();
    expect([again.changeset.additions, again.changeset.updates]).toEqual([[], []]);
  });

  test('a row another client changed since the pull is a conflict, marked and not overwritten', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    const row = rowOf(excel, 'sub00004');
    const id = text(excel, `L${row}`);
    await scim(h, t, 'PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'displayName', value: '他の管理者' }],
    });
    await fill(excel, row, { displayName: '自分の変更' });
    const summary = await c.submit();
    expect(summary).toMatchObject({ done: 0, conflicts: 1 });
    expect(text(excel, `K${row}`)).toBe('競合');
    expect(excel.sheets.get('名簿')!.notes.get(`B${row}`)).toContain('サーバー側で取得後に変更');
    expect((await serverUsers()).get('sub00004')!.displayName).toBe('他の管理者');
  });

  test('rows with problems are not sent and stay marked; the rest go', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    await fill(excel, rowOf(excel, 'sub00005'), { email: 'broken' });
    await fill(excel, rowOf(excel, 'sub00006'), { remarks: '送信される' });
    await fill(excel, rowOf(excel, 'sub00007'), { remarks: '未送信になる', role: '9' });
    const summary = await c.submit();
    expect(summary).toMatchObject({ rows: 3, done: 1, notSent: 2, failed: 0, conflicts: 0 });
    expect(summary.done + summary.notSent + summary.failed + summary.conflicts).toBe(summary.rows);
    expect(summary.problems.map((p) => p.column).sort()).toEqual(['email', 'role']);
    // Every row the admin touched says what became of it.
    expect(text(excel, `K${rowOf(excel, 'sub00005')}`)).toBe('未送信（問題あり）');
    expect(text(excel, `K${rowOf(excel, 'sub00006')}`)).toBe('送信済み');
    expect(text(excel, `K${rowOf(excel, 'sub00007')}`)).toBe('未送信（問題あり）');
    expect(excel.cell('名簿', `C${rowOf(excel, 'sub00005')}`)!.fill).toBe('#FFC7CE');
    expect((await serverUsers()).get('sub00006')!).toBeTruthy();
  });

  test('each submission appends its receipt to 送信記録: when, who, server, counts, and every row with its result', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    const row = rowOf(excel, 'sub00006');
    await fill(excel, row, { remarks: '記録一' });
    const bad = lastRow(excel) + 1;
    await fill(excel, bad, {
      displayName: '記録不備',
      userName: 'rec.bad',
      email: 'broken',
      role: '0',
      canComment: '1',
    });
    await c.submit();
    const log = () => {
      const data = excel.sheets.get('送信記録')!;
      return Array.from({ length: data.maxRow() + 1 }, (_, r) =>
        Array.from({ length: 7 }, (_, col) => String(data.peek(r, col)?.value ?? '')),
      );
    };
    const first = log();
    expect(first[0]).toEqual(['日時', '送信者', '送信先', '行', '操作', 'ユーザーID', '結果']);
    expect(first).toHaveLength(4);
    const [summary, sent, held] = first.slice(1) as [string[], string[], string[]];
    expect(summary[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(summary[1]).toBe(t.adminUserName);
    expect(summary[2]).toContain(`/t/${t.tenant.slug}`);
    expect(summary.slice(3)).toEqual([
      '',
      '送信',
      '',
      '送信済み 1件・未送信 1件（問題あり）・失敗 0件・競合 0件（全2件）',
    ]);
    expect(sent.slice(3)).toEqual([String(row), '更新', 'sub00006', '送信済み']);
    expect(held.slice(3, 6)).toEqual([String(bad), '追加', 'rec.bad']);
    expect(held[6]).toMatch(/^未送信（問題あり）：'メールアドレス'は/);
    // The roster stays the active sheet; a second submission appends below the first.
    expect(excel.activeSheet).toBe('名簿');
    await fill(excel, row, { remarks: '記録二' });
    await c.submit();
    const second = log();
    expect(second.slice(0, 4)).toEqual(first);
    expect(second.length).toBeGreaterThan(4);
    expect(second[4]![4]).toBe('送信');
  });

  test('a submission whose answer was lost, sent again from a reopened workbook, creates nobody twice', async () => {
    const excel = new FakeExcel();
    let closed = false;
    // The Bulk reaches the server and is applied; then the pane is gone: nothing else gets through.
    const dying: typeof fetch = async (input, init) => {
      if (closed) throw new TypeError('the pane was closed');
      const res = await fetch(input, init);
      if (String(input).endsWith('/Bulk')) {
        closed = true;
        throw new TypeError('the pane was closed');
      }
      return res;
    };
    const c = pane(excel, dying);
    await c.init();
    await c.pull();
    const row = lastRow(excel) + 1;
    await fill(excel, row, {
      displayName: '一度だけ',
      userName: 'only.once',
      email: 'only.once@example.jp',
      role: '1',
    });
    await expect(c.submit()).rejects.toThrow();
    expect(text(excel, `N${row}`)).toMatch(/^rs-/);
    expect(text(excel, `L${row}`)).toBe('');

    const reopened = excel.reopen();
    const c2 = pane(reopened);
    await c2.init();
    const summary = await c2.submit();
    expect(summary).toMatchObject({ additions: 1, done: 1, failed: 0 });
    expect(String(reopened.cell('名簿', `L${row}`)?.value ?? '')).not.toBe('');
    const users = [...(await serverUsers()).values()].filter((u) => u.userName === 'only.once');
    expect(users).toHaveLength(1);
  });

  test('passwords of existing users change only as an explicit update, are checked, and are cleared after success', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    const ok = rowOf(excel, 'sub00007');
    const weak = rowOf(excel, 'sub00006');
    await fill(excel, ok, { password: 'New-pass-2026' });
    await fill(excel, weak, { password: 'abcdefgh' });
    expect((await c.review()).changeset.updates).toEqual([]);
    const review = await c.review('invite', true);
    expect(review.changeset.updates.map((u) => u.changes.map((x) => x.column))).toEqual([
      ['password'],
      ['password'],
    ]);
    expect(review.problems.map((p) => `${p.rowNumber}:${p.code}`)).toEqual([`${weak}:weakPassword`]);
    const summary = await c.submit({ passwordUpdates: true });
    expect(summary).toMatchObject({ done: 1 });
    expect(text(excel, `D${ok}`)).toBe('');
    expect(text(excel, `D${weak}`)).toBe('abcdefgh');
    const user = (
      await scim(h, t, 'GET', `/Users?filter=${encodeURIComponent('userName eq "sub00007"')}`)
    ).json().Resources[0];
    expect(user['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User'].passwordIssuer).toBe('admin');
  });

  test('rows with problems are exported to a new sheet with the reason', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    const row = rowOf(excel, 'sub00001');
    await fill(excel, row, { email: 'broken', role: '9' });
    const { sheetName, rows } = await c.exportErrors();
    expect(rows).toBe(1);
    const data = excel.sheets.get(sheetName)!;
    expect(data.peek(0, 0)!.value).toBe('行');
    expect(data.peek(1, 0)!.value).toBe(String(row));
    expect(String(data.peek(1, 9)!.value)).toContain("'メールアドレス'はメールアドレスの形式");
    expect(String(data.peek(1, 9)!.value)).toContain("'権限'には");
  });

  test.each([
    ['server', '他の管理者の値（server）'],
    ['overwrite', '私の値（overwrite）'],
  ] as const)(
    'a conflict settled by taking the %s side ends with the server holding %s',
    async (choice, expected) => {
      const excel = new FakeExcel();
      const c = pane(excel);
      await c.init();
      await c.pull();
      const row = rowOf(excel, 'sub00002');
      const id = text(excel, `L${row}`);
      await scim(h, t, 'PATCH', `/Users/${id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          {
            op: 'replace',
            path: 'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User:remarks',
            value: `他の管理者の値（${choice}）`,
          },
        ],
      });
      await fill(excel, row, { remarks: `私の値（${choice}）` });
      const first = await c.submit();
      expect(first.conflictRows).toEqual([row]);
      expect((await c.conflict(row)).differences).toEqual([
        { column: 'remarks', sheet: `私の値（${choice}）`, server: `他の管理者の値（${choice}）` },
      ]);
      await c.resolveConflict(row, choice);
      const second = await c.submit();
      expect(second.conflicts).toBe(0);
      const user = (await scim(h, t, 'GET', `/Users/${id}`)).json();
      expect(user['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User'].remarks).toBe(expected);
      expect(text(excel, `F${row}`)).toBe(expected);
    },
  );

  test('the server check (dry run) marks what only the server knows and writes nothing', async () => {
    const excel = new FakeExcel();
    const c = pane(excel);
    await c.init();
    await c.pull();
    const row = lastRow(excel) + 1;
    // The email is valid, but a user created after the pull has it: only the database knows.
    await scim(
      h,
      t,
      'POST',
      '/Users',
      eqUser('created.later', { emails: [{ value: 'later@example.jp', primary: true }] }),
    );
    await fill(excel, row, {
      displayName: '重複',
      userName: 'dup.check',
      email: 'later@example.jp',
      role: '1',
    });
    const before = (await scim(h, t, 'GET', '/Users?count=0')).json().totalResults;
    await fill(excel, rowOf(excel, 'sub00001'), { email: 'broken' });
    const summary = await c.submit({ dryRun: true });
    // One row only the server refuses, one the local check holds back: both are problems.
    expect(summary).toMatchObject({ rows: 2, failed: 1, notSent: 1, done: 0 });
    expect(summary.problems.map((p) => `${p.rowNumber}:${p.column}:${p.code}`)).toEqual([
      `${rowOf(excel, 'sub00001')}:email:invalidFormat`,
      `${row}:email:duplicate`,
    ]);
    expect(excel.cell('名簿', `C${row}`)!.fill).toBe('#FFC7CE');
    expect((await scim(h, t, 'GET', '/Users?count=0')).json().totalResults).toBe(before);
    expect(text(excel, `N${row}`)).toBe('');
  });
});
