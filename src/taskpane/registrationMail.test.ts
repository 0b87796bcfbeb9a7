import { ROSTER_USER_EXTENSION as EXT } from '../domain';
import { SCHEMA_USER } from '../scim/constants';
import { FakeExcel } from '../../test/excel/FakeExcel';
import { eqUser } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { paneOnServer, rowOfUser } from '../../test/paneOnServer';

let h: Harness;
let eq: TestTenant;
let jairo: TestTenant;
let all: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  eq = await h.tenant({ slug: 'mail-pane' });
  jairo = await h.tenant({ slug: 'mail-jairo', profile: 'jairo' });
  all = await h.tenant({ slug: 'mail-all' });
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

function pane(excel: FakeExcel, t: TestTenant) {
  return paneOnServer(excel, base, t);
}

const rowOf = rowOfUser;
const cell = (excel: FakeExcel, address: string) => String(excel.cell('名簿', address)?.value ?? '');
const invitations = async (to: string) =>
  (await h.db.selectFrom('mail_outbox').select('kind').where('to_address', '=', to).execute()).map(
    (m) => m.kind,
  );

describe('registration mail from the pane', () => {
  test('new rows submitted with "send mail now" become 利用待ち and are mailed; without it, 仮登録', async () => {
    const excel = new FakeExcel();
    const c = pane(excel, eq);
    await c.init();
    await c.pull();
    const row = excel.sheets.get('名簿')!.maxRow() + 2;
    const add = async (r: number, userName: string) => {
      for (const [col, v] of Object.entries({
        A: `新人${userName}`,
        B: userName,
        C: `${userName}@example.jp`,
        G: '0',
        H: '1',
      }))
        await excel.type('名簿', `${col}${r}`, v);
    };
    await add(row, 'mailed01');
    const mailed = await c.submit({ sendMail: true });
    expect(mailed).toMatchObject({ done: 1, failed: 0 });
    expect(cell(excel, `J${row}`)).toBe('利用待ち');
    expect(await invitations('mailed01@example.jp')).toEqual(['invitation']);

    await add(row + 1, 'quiet01');
    expect(await c.submit({})).toMatchObject({ done: 1 });
    expect(cell(excel, `J${row + 1}`)).toBe('仮登録');
    expect(await invitations('quiet01@example.jp')).toEqual([]);
  });

  test('the selected rows get the mail: 仮登録 turns 利用待ち with its new version; a registered user is refused by row', async () => {
    await scim(h, eq, 'POST', '/Users', eqUser('later01'));
    await scim(h, eq, 'POST', '/Users', eqUser('done01', {}, { status: '1' }));
    const excel = new FakeExcel();
    const c = pane(excel, eq);
    await c.init();
    await c.pull();
    const later = rowOf(excel, 'later01');
    const done = rowOf(excel, 'done01');
    expect(cell(excel, `J${later}`)).toBe('仮登録');
    excel.selectRows('名簿', [later, later], [done, done]);

    const summary = await c.sendRegistrationMail();
    expect(summary).toEqual({
      selected: 2,
      sent: 1,
      refused: [
        {
          rowNumber: done,
          message: expect.stringMatching(new RegExp(`^${done}行目でエラー: 'done01' は登録を済ませている`)),
        },
      ],
    });
    expect(cell(excel, `J${later}`)).toBe('利用待ち');
    expect(await invitations('later01@example.jp')).toEqual(['invitation']);

    // The sheet knows the new version: an edit of the same row goes through without a conflict.
    await excel.type('名簿', `F${later}`, '招待済み');
    expect(await c.submit({})).toMatchObject({ done: 1, conflicts: 0, failed: 0 });
    expect((await c.review()).changeset.updates).toHaveLength(0);
  });

  test('all 仮登録 / 利用待ち users of the sheet: counted first, then mailed, whatever the selection', async () => {
    await scim(h, all, 'POST', '/Users', eqUser('all01'));
    await scim(h, all, 'POST', '/Users', eqUser('all02'));
    await scim(h, all, 'POST', '/Users', eqUser('allactive', {}, { status: '1' }));
    const excel = new FakeExcel();
    const c = pane(excel, all);
    await c.init();
    await c.pull();
    const pending = [...excel.sheets.get('名簿')!.cells].filter(
      ([k, cell]) => k.endsWith(',9') && (cell.value === '仮登録' || cell.value === '利用待ち'),
    ).length;
    expect(pending).toBeGreaterThanOrEqual(2);
    expect(await c.pendingRegistrations()).toBe(pending);
    excel.selectRows('Sheet1', [1, 1]);

    const summary = await c.sendRegistrationMailToAllPending();
    expect(summary).toMatchObject({ selected: pending, sent: pending, refused: [] });
    expect(cell(excel, `J${rowOf(excel, 'all01')}`)).toBe('利用待ち');
    expect(cell(excel, `J${rowOf(excel, 'allactive')}`)).not.toBe('利用待ち');
    expect(await invitations('all02@example.jp')).toEqual(['invitation']);
    expect(await invitations('allactive@example.jp')).toEqual([]);
    // 利用待ち users get a fresh URL on the next round too; only registered users are left out.
    expect(await c.pendingRegistrations()).toBe(pending);
  });

  test('a selection on another sheet, or of no user rows, sends nothing', async () => {
    const excel = new FakeExcel();
    const c = pane(excel, eq);
    await c.init();
    await c.pull();
    excel.selectRows('Sheet1', [1, 5]);
    expect(await c.sendRegistrationMail()).toEqual({ selected: 0, sent: 0, refused: [] });
    excel.selectRows('名簿', [1, 1]);
    expect(await c.sendRegistrationMail()).toEqual({ selected: 0, sent: 0, refused: [] });
  });

  test('jairo: the roster shows users who have not registered, a search leaves them out', async () => {
    const create = (userName: string) =>
      scim(h, jairo, 'POST', '/Users', {
        schemas: [SCHEMA_USER, EXT],
        userName,
        displayName: `図書 ${userName}`,
        emails: [{ value: `${userName}@univ.example.ac.jp`, primary: true }],
        [EXT]: { role: '教員' },
      });
    await create('pending.one');
    const registered = (await create('registered.one')).json().id as string;
    await h.db
      .updateTable('users')
      .set({ attrs: JSON.stringify({ role: '教員', status: '1', memberNumber: '0000000099' }) })
      .where('id', '=', registered)
      .execute();
    const excel = new FakeExcel();
    const c = pane(excel, jairo);
    await c.init();
    expect(await c.pull()).toBe(3); // with the harness's librarian
    expect(cell(excel, `F${rowOf(excel, 'pending.one')}`)).toBe('仮登録');
    expect(await c.pull(undefined, { field: 'displayName', text: '図書 ' })).toBe(1);
    expect(cell(excel, 'B2')).toBe('registered.one');
  });
});
