import type { Locale } from '../../domain';

/** The mails a user receives (seed 004's 【補足】, seed 000's 「ユーザー登録のご案内」 and welcome mail). */
export type MailKind = 'invitation' | 'registered' | 'passwordSet' | 'passwordUpdated';

/** A line of the registration details: a column header and the user's value. */
export interface DetailLine {
  label: string;
  value: string;
}

export interface MailFacts {
  locale: Locale;
  timeZone: string;
  /** The tenant (institution or customer) name, shown in the subject. */
  tenantName: string;
  /** The service the users know (JAIRO Cloud, EQ): what they log in to. */
  serviceName: string;
  /** The service's login page for this tenant, or null when the operator has not set one. */
  loginUrl: string | null;
  displayName: string;
  userName: string;
  /** invitation: the one-time registration URL and when it stops working. */
  url?: string;
  expiresAt?: Date;
  /** passwordSet / passwordUpdated: the password the administrator set. */
  password?: string;
  /** registered: what the account now holds. */
  details?: readonly DetailLine[];
}

export interface RenderedMail {
  subject: string;
  text: string;
}

const RULE = '-'.repeat(60);

/** A deadline as people read it in the tenant's time zone, e.g. 2026年4月8日 18:00 (JST). */
export function formatDeadline(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The mail needs ${what}`);
  return value;
}

function detailBlock(lines: readonly DetailLine[]): string[] {
  return lines.map((l) => `${l.label}: ${l.value === '' ? '-' : l.value}`);
}

/** Where to log in: the tenant's login page, or plainly that the administrator has it. */
function loginBlock(f: MailFacts): string[] {
  if (f.locale === 'ja')
    return f.loginUrl
      ? [`${f.serviceName}のログイン画面：`, f.loginUrl]
      : [`${f.serviceName}のログイン画面のURLは、管理者にお問い合わせください。`];
  return f.loginUrl
    ? [`${f.serviceName} sign-in page:`, f.loginUrl]
    : [`Ask your administrator for the address of the ${f.serviceName} sign-in page.`];
}

function ja(kind: MailKind, f: MailFacts): RenderedMail {
  const to = `${f.displayName || f.userName} 様`;
  const tag = `【${f.tenantName}】`;
  const account = `${f.tenantName}の${f.serviceName}`;
  switch (kind) {
    case 'invitation': {
      const deadline = formatDeadline(need(f.expiresAt, 'a deadline'), 'ja', f.timeZone);
      return {
        subject: `${tag}ユーザー登録のご案内`,
        text: [
          to,
          '',
          `${account}のユーザーアカウントが作成されました。`,
          `下記のURLを開いてパスワードを設定し、${deadline} までにユーザー登録を完了してください。`,
          '',
          need(f.url, 'a URL'),
          '',
          RULE,
          `ユーザーID: ${f.userName}`,
          RULE,
          'パスワード設定後、上記のユーザーIDと設定したパスワードでログインしてご利用ください。',
          ...loginBlock(f),
          '',
          '登録用のURLは一度だけ使えます。メールが再送された場合は、最新のメールのURLをお使いください。',
          '期限が過ぎたときは、管理者にメールの再送を依頼してください。',
          'お心当たりのない場合は、このメールを破棄してください。',
        ].join('\n'),
      };
    }
    case 'registered':
      return {
        subject: `${tag}ユーザー登録が完了しました`,
        text: [
          to,
          '',
          `${account}へようこそ。ユーザー登録が完了しました。`,
          '登録内容は次のとおりです。',
          '',
          RULE,
          ...detailBlock(need(f.details, 'details')),
          RULE,
          '',
          `ユーザーIDと設定したパスワードで、${f.serviceName}にログインしてご利用ください。`,
          ...loginBlock(f),
          '',
          'ユーザーIDは変更できません。パスワードはこのメールには記載していません。',
          'お心当たりのない場合は、管理者にご連絡ください。',
        ].join('\n'),
      };
    case 'passwordSet':
      return {
        subject: `${tag}ユーザー登録のお知らせ`,
        text: [
          to,
          '',
          `管理者が${account}のユーザーアカウントを登録しました。`,
          '下記のユーザーIDとパスワードでログインしてご利用ください。',
          '',
          RULE,
          `ユーザーID: ${f.userName}`,
          `パスワード: ${need(f.password, 'a password')}`,
          RULE,
          ...loginBlock(f),
          '',
          'このメールは他人に見られないよう大切に保管してください。',
        ].join('\n'),
      };
    case 'passwordUpdated':
      return {
        subject: `${tag}パスワード変更のお知らせ`,
        text: [
          to,
          '',
          `管理者が、${account}でお使いのパスワードを変更しました。`,
          '今後は下記のパスワードでログインしてください。',
          '',
          RULE,
          `ユーザーID: ${f.userName}`,
          `新しいパスワード: ${need(f.password, 'a password')}`,
          RULE,
          ...loginBlock(f),
          '',
          'お心当たりのない場合は、管理者にご連絡ください。',
        ].join('\n'),
      };
  }
}

function en(kind: MailKind, f: MailFacts): RenderedMail {
  const to = `Dear ${f.displayName || f.userName},`;
  const tag = `[${f.tenantName}]`;
  switch (kind) {
    case 'invitation': {
      const deadline = formatDeadline(need(f.expiresAt, 'a deadline'), 'en', f.timeZone);
      return {
        subject: `${tag} Complete your user registration`,
        text: [
          to,
          '',
          `A ${f.serviceName} user account has been created for you at ${f.tenantName}.`,
          `Open the link below, set your password and complete your registration by ${deadline}.`,
          '',
          need(f.url, 'a URL'),
          '',
          RULE,
          `User ID: ${f.userName}`,
          RULE,
          'Once your password is set, sign in with the user ID above and your password.',
          ...loginBlock(f),
          '',
          'The registration link works once. It stops working when it expires or when a newer mail replaces it.',
          'If it has expired, ask your administrator to send the mail again.',
          'If you were not expecting this mail, you can ignore it.',
        ].join('\n'),
      };
    }
    case 'registered':
      return {
        subject: `${tag} Welcome: your registration is complete`,
        text: [
          to,
          '',
          `Welcome to ${f.serviceName} at ${f.tenantName}. Your registration is complete.`,
          'Your account:',
          '',
          RULE,
          ...detailBlock(need(f.details, 'details')),
          RULE,
          '',
          `Sign in to ${f.serviceName} with your user ID and the password you set.`,
          ...loginBlock(f),
          '',
          'Your user ID cannot be changed. Your password is not in this mail.',
          'If you did not register, please contact your administrator.',
        ].join('\n'),
      };
    case 'passwordSet':
      return {
        subject: `${tag} Your user account`,
        text: [
          to,
          '',
          `Your administrator has created a ${f.serviceName} user account for you at ${f.tenantName}.`,
          'Sign in with this user ID and password:',
          '',
          RULE,
          `User ID: ${f.userName}`,
          `Password: ${need(f.password, 'a password')}`,
          RULE,
          ...loginBlock(f),
          '',
          'Keep this mail where nobody else can read it.',
        ].join('\n'),
      };
    case 'passwordUpdated':
      return {
        subject: `${tag} Your password has been changed`,
        text: [
          to,
          '',
          `Your administrator has changed your ${f.serviceName} password at ${f.tenantName}.`,
          'From now on, sign in with this password:',
          '',
          RULE,
          `User ID: ${f.userName}`,
          `New password: ${need(f.password, 'a password')}`,
          RULE,
          ...loginBlock(f),
          '',
          'If you did not expect this, please contact your administrator.',
        ].join('\n'),
      };
  }
}

/** The subject and plain-text body of a mail, in the tenant's language. */
export function renderMail(kind: MailKind, facts: MailFacts): RenderedMail {
  return facts.locale === 'ja' ? ja(kind, facts) : en(kind, facts);
}
