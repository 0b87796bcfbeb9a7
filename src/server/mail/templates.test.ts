import type { Locale } from '../../domain';
import { renderMail, type MailFacts, type MailKind } from './templates';

// Issue 15 items 7 and 8: the mails in the seeds' words, naming the organization and the
// service (not our product), with the service's login page when the tenant has one.
const KINDS: readonly MailKind[] = ['invitation', 'registered', 'passwordSet', 'passwordUpdated'];
const LOGIN = 'https://idp.example.ac.jp/admin/login';

function facts(locale: Locale, loginUrl: string | null, service = 'JAIRO Cloud'): MailFacts {
  return {
    locale,
    timeZone: 'Asia/Tokyo',
    tenantName: 'テスト大学',
    serviceName: service,
    loginUrl,
    displayName: '研究 太郎',
    userName: 'taro.kenkyu',
    url: 'https://roster.example/t/univ/register/abc',
    expiresAt: new Date('2026-04-08T09:00:00Z'),
    password: 'Pa55-word',
    details: [
      { label: 'ユーザーID', value: 'taro.kenkyu' },
      { label: '表示名', value: '研究 太郎' },
    ],
  };
}

const JAPANESE = '[ぁ-んァ-ヶー一-龠々、。「」（）］［]';

describe('the mails a user receives', () => {
  test.each(KINDS)('%s: subject names the organization, never our product name', (kind) => {
    for (const locale of ['ja', 'en'] as const) {
      const { subject } = renderMail(kind, facts(locale, LOGIN));
      expect(subject).not.toMatch(/Roster/i);
      expect(subject).toContain('テスト大学');
    }
  });

  test.each(KINDS)('%s in Japanese: the seeds’ words, whole sentences, no stray spaces', (kind) => {
    for (const login of [LOGIN, null]) {
      const { text } = renderMail(kind, facts('ja', login));
      const body = text.split('\n').slice(1).join('\n'); // after 「研究 太郎 様」
      expect(body).not.toMatch(/サインイン|テナント|プロファイル|Roster/);
      expect(body).toMatch(/ログイン/);
      // Our sentences, not the user's data (「表示名: 研究 太郎」 keeps its space).
      const prose = body.split('\n').filter((l) => !l.includes(': '));
      for (const line of prose) {
        expect(line).not.toMatch(new RegExp(`${JAPANESE} ${JAPANESE}`));
        expect(line).not.toMatch(/ [。、]/);
      }
      // Every line of prose ends a sentence (or introduces a URL or a detail block).
      for (const line of body.split('\n').filter((l) => new RegExp(JAPANESE).test(l) && !l.includes(': ')))
        expect([kind, line]).toEqual([kind, expect.stringMatching(/[。：]$/)]);
    }
  });

  test.each(KINDS)('%s links the service login page when the tenant has one', (kind) => {
    const ja = renderMail(kind, facts('ja', LOGIN)).text;
    expect(ja).toContain(`JAIRO Cloudのログイン画面：\n${LOGIN}`);
    expect(ja).not.toContain('管理者にお問い合わせください');
    const en = renderMail(kind, facts('en', LOGIN)).text;
    expect(en).toContain(`JAIRO Cloud sign-in page:\n${LOGIN}`);
  });

  test.each(KINDS)('%s without a login URL says plainly where to get it', (kind) => {
    const ja = renderMail(kind, facts('ja', null)).text;
    expect(ja).toContain('JAIRO Cloudのログイン画面のURLは、管理者にお問い合わせください。');
    expect(ja).not.toContain('ログイン画面：');
    const en = renderMail(kind, facts('en', null)).text;
    expect(en).toContain('Ask your administrator for the address of the JAIRO Cloud sign-in page.');
  });

  test('the completion mail welcomes the user to the organization’s service', () => {
    expect(renderMail('registered', facts('ja', LOGIN)).text).toContain(
      'テスト大学のJAIRO Cloudへようこそ。ユーザー登録が完了しました。',
    );
    expect(renderMail('invitation', facts('ja', LOGIN, 'EQ')).text).toContain(
      'テスト大学のEQのユーザーアカウントが作成されました。',
    );
    expect(renderMail('registered', facts('en', LOGIN)).text).toContain(
      'Welcome to JAIRO Cloud at テスト大学. Your registration is complete.',
    );
  });
});
