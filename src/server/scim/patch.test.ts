import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_PATCH } from '../../scim/constants';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'entra' });
});
afterAll(() => h.close());

async function newUser(userName: string): Promise<string> {
  const res = await scim(h, t, 'POST', '/Users', eqUser(userName));
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const patch = (...Operations: unknown[]) => ({ schemas: [SCHEMA_PATCH], Operations });

describe('PATCH with the bodies Microsoft Entra sends', () => {
  test.each([
    [
      'Replace active "False" suspends the user',
      patch({ op: 'Replace', path: 'active', value: 'False' }),
      { active: false, [EXT]: expect.objectContaining({ status: '2' }) },
    ],
    [
      'Replace displayName',
      patch({ op: 'Replace', path: 'displayName', value: '新しい名前' }),
      { displayName: '新しい名前' },
    ],
    [
      'Replace the work email through a value filter',
      patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'moved@example.jp' }),
      { emails: [expect.objectContaining({ value: 'moved@example.jp' })] },
    ],
    [
      'Add externalId',
      patch({ op: 'Add', path: 'externalId', value: 'entra-1234' }),
      { externalId: 'entra-1234' },
    ],
    [
      'Replace without a path, with a value object',
      patch({ op: 'replace', value: { displayName: '一括変更', active: true } }),
      { displayName: '一括変更', active: true },
    ],
    [
      'Replace an extension attribute by its URN path',
      patch({ op: 'replace', path: `${EXT}:role`, value: '1' }),
      { [EXT]: expect.objectContaining({ role: '1' }) },
    ],
    [
      'Add groups through the extension',
      patch({ op: 'add', path: `${EXT}:groupIds`, value: ['101', '102'] }),
      { groups: [expect.objectContaining({ value: '101' }), expect.objectContaining({ value: '102' })] },
    ],
  ])('%s', async (_name, body, expected) => {
    const id = await newUser(`p${Math.random().toString(36).slice(2, 10)}`);
    const res = await scim(h, t, 'PATCH', `/Users/${id}`, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(expected);
    expect(res.headers.etag).toBe('W/"2"');
  });

  test('Remove of a value the user does not have changes nothing and keeps the version', async () => {
    const id = await newUser('remover');
    const res = await scim(h, t, 'PATCH', `/Users/${id}`, patch({ op: 'Remove', path: 'externalId' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
  });

  test('a patch that breaks a rule is 400 with the problem per column, and nothing changes', async () => {
    const id = await newUser('rulebreaker');
    const res = await scim(
      h,
      t,
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'displayName', value: '山田 太郎' }),
      { 'accept-language': 'ja' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      scimType: 'invalidValue',
      detail: "'ユーザー名'に空白文字（半角スペース）は使用できません。",
      'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems': {
        problems: [{ column: 'displayName', code: 'invalidChars' }],
      },
    });
    const after = await scim(h, t, 'GET', `/Users/${id}`);
    expect(after.json().displayName).toBe('利用者rulebreaker');
  });

  test('a body that is not a PatchOp is 400 invalidSyntax', async () => {
    const id = await newUser('badpatch');
    for (const body of [{ Operations: [] }, patch({ op: 'move', path: 'x' }), patch()]) {
      const res = await scim(h, t, 'PATCH', `/Users/${id}`, body);
      expect(res.statusCode).toBe(400);
    }
  });

  test('a filter that matches nothing is 400 noTarget, not a silent add', async () => {
    const id = await newUser('notarget');
    const res = await scim(
      h,
      t,
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'emails[type eq "home"].value', value: 'x@example.jp' }),
    );
    expect(res.statusCode).toBe(400);
  });

  test('setting a password answers without it and records who issued it', async () => {
    const id = await newUser('pwuser');
    const res = await scim(
      h,
      t,
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'password', value: 'NewPass-123' }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().password).toBeUndefined();
    expect(res.json()[EXT].passwordIssuer).toBe('admin');
    const history = await h.db.selectFrom('user_history').select('data').where('user_id', '=', id).execute();
    const audit = await h.db.selectFrom('audit_log').select('detail').where('resource_id', '=', id).execute();
    expect(JSON.stringify(history) + JSON.stringify(audit)).not.toContain('NewPass-123');
  });

  test('a weak password is refused with the tenant rule', async () => {
    const id = await newUser('weakpw');
    const res = await scim(
      h,
      t,
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'password', value: 'abcdefgh' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems'].problems).toEqual([
      expect.objectContaining({ column: 'password', code: 'weakPassword' }),
    ]);
  });
});

describe('versions: ETag, If-Match, If-None-Match', () => {
  test('a write with a stale If-Match is 412 and changes nothing; the current one succeeds', async () => {
    const id = await newUser('versioned');
    const first = await scim(
      h,
      t,
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'displayName', value: 'v2' }),
      { 'if-match': 'W/"1"' },
    );
    expect(first.statusCode).toBe(200);
    const stale = await scim(
      h,
      t,
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: 'displayName', value: 'v3' }),
      { 'if-match': 'W/"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().status).toBe('412');
    const del = await scim(h, t, 'DELETE', `/Users/${id}`, undefined, { 'if-match': 'W/"1"' });
    expect(del.statusCode).toBe(412);
    const current = await scim(h, t, 'GET', `/Users/${id}`);
    expect(current.json().displayName).toBe('v2');
  });

  test('If-None-Match with the current version is 304', async () => {
    const id = await newUser('cached');
    const res = await scim(h, t, 'GET', `/Users/${id}`, undefined, { 'if-none-match': 'W/"1"' });
    expect(res.statusCode).toBe(304);
    const changed = await scim(h, t, 'GET', `/Users/${id}`, undefined, { 'if-none-match': 'W/"0"' });
    expect(changed.statusCode).toBe(200);
  });

  test('PUT replaces the user; a PUT without our extension keeps the extension attributes', async () => {
    const id = await newUser('putter');
    const res = await scim(h, t, 'PUT', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'putter',
      displayName: 'プット',
      emails: [{ value: 'putter@example.jp', primary: true }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'プット', [EXT]: { role: '0', canComment: '1' } });
  });

  test('DELETE answers 204 and the user is gone', async () => {
    const id = await newUser('deleted');
    expect((await scim(h, t, 'DELETE', `/Users/${id}`)).statusCode).toBe(204);
    expect((await scim(h, t, 'GET', `/Users/${id}`)).statusCode).toBe(404);
    expect((await scim(h, t, 'DELETE', `/Users/${id}`)).statusCode).toBe(404);
  });
});
