// Issue 14, "done when" 1: pulling twice, submitting twice and sending mail twice in a row work on
// the fake's 1.9, 1.14 and 1.18 hosts, against the real server.
import { FakeExcel } from './FakeExcel';
import { eqUser } from '../server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../server/harness';
import { paneOnServer, rowOfUser } from '../paneOnServer';

let h: Harness;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

describe.each(['1.9', '1.14', '1.18'])('an ExcelApi %s host', (api) => {
  let t: TestTenant;
  beforeAll(async () => {
    t = await h.tenant({ slug: `host-${api.replace('.', '-')}` });
    for (const n of ['twice01', 'twice02']) await scim(h, t, 'POST', '/Users', eqUser(n));
  });

  test('pull twice, submit twice, mail twice, in a row; marks and handlers on the way', async () => {
    const excel = new FakeExcel({ api });
    const c = paneOnServer(excel, base, t);
    await c.init();
    await c.pull();
    await c.pull();
    expect(excel.sheets.get('RosterSheet_baseline')!.visibility).toBe('VeryHidden');

    const row = rowOfUser(excel, 'twice01');
    await excel.type('名簿', `F${row}`, '一回目');
    expect(await c.submit({})).toMatchObject({ done: 1, failed: 0, conflicts: 0 });
    await excel.type('名簿', `F${row}`, '二回目');
    expect(await c.submit({})).toMatchObject({ done: 1, failed: 0, conflicts: 0 });

    excel.selectRows('名簿', [row, row]);
    expect(await c.sendRegistrationMail()).toMatchObject({ sent: 1 });
    // The server mails one user at most once a minute (issue 12's resend throttle).
    h.clock.advance(61_000);
    expect(await c.sendRegistrationMail()).toMatchObject({ sent: 1 });

    // A problem is marked (a note, a comment or just the fill, by host) and cleared again.
    await excel.type('名簿', `C${row}`, 'not-an-email');
    expect((await c.validate()).map((p) => p.column)).toContain('email');
    expect(excel.cell('名簿', `C${row}`)!.fill).toBe('#FFC7CE');
    await excel.type('名簿', `C${row}`, 'twice01@example.jp');
    await c.validate();
    expect(excel.cell('名簿', `C${row}`)!.fill).toBeUndefined();

    await c.pull();
    expect((await c.review()).changeset.updates).toHaveLength(0);
    expect([...excel.sheets.keys()].sort()).toEqual(['RosterSheet_baseline', 'Sheet1', '名簿', '送信記録']);
  });
});
