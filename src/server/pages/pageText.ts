import type { Locale } from '../../domain';

/** The registration pages' words, Japanese after seed 000's 「ユーザーアカウントの登録」. */
export const PAGE_TEXT = {
  ja: {
    lang: 'ja',
    title: 'ユーザー登録',
    lead: 'パスワードを設定して、ユーザー登録を完了してください。',
    account: 'アカウント',
    userName: 'ユーザーID',
    displayName: '表示名',
    email: 'メールアドレス',
    deadline: 'このURLの有効期限',
    userNameFixed: '［ユーザーID］は後から変更できません。',
    password: 'パスワード',
    confirm: 'パスワード（確認）',
    strength: '強度',
    strengthRule: 'パスワードの強度が［平均(50%)］以下の場合は登録できません。',
    match: 'パスワードが一致しています。',
    mismatch:
      '［パスワード（確認）］が［パスワード］と一致しません。同じパスワードをもう一度入力してください。',
    ruleOk: 'このパスワードで登録できます。',
    submit: '登録する',
    errorsTitle: '入力内容を確認してください。次の項目を直してください。',
    doneTitle: 'ユーザー登録が完了しました',
    done: (userName: string, service: string) =>
      `ユーザーID「${userName}」と設定したパスワードで、${service}にログインしてご利用ください。`,
    loginLink: (service: string) => `${service}のログイン画面を開く`,
    noLogin: (service: string) => `${service}のログイン画面のURLは、管理者にお問い合わせください。`,
    doneMail: (email: string) => `${email}宛てに、登録内容を記載したメールを送りました。`,
    goneTitle: 'このURLは使えません',
    expired: 'このURLは有効期限（メールが届いてから7日間）が過ぎています。',
    used: 'このURLはすでに使用されています。登録はこのURLでは一度しかできません。',
    replaced: 'このURLより新しい登録メールが送られています。最新のメールのURLをお使いください。',
    unknown: 'このURLは正しくないか、もう使えません。',
    askAdmin: '登録を続けるには、管理者に登録メールの再送を依頼してください。',
    csrfTitle: 'ページを開き直してください',
    csrf: 'フォームの確認に失敗しました。お手数ですが、メールのURLからページを開き直してください。',
    tooManyTitle: 'しばらくしてからお試しください',
    tooMany: (minutes: number) =>
      `試行回数が多すぎます。${minutes}分ほど待ってから、もう一度お試しください。`,
    errorTitle: 'エラーが発生しました',
    error: '登録を完了できませんでした。しばらくしてから、もう一度お試しください。',
    badRequest: '送信された内容を受け付けられませんでした。ページを開き直して、もう一度入力してください。',
    noTenant: 'このURLの組織は見つかりません。',
  },
  en: {
    lang: 'en',
    title: 'Complete your registration',
    lead: 'Set your password to complete your user registration.',
    account: 'Your account',
    userName: 'User ID',
    displayName: 'Display name',
    email: 'Email',
    deadline: 'This link works until',
    userNameFixed: 'The user ID cannot be changed later.',
    password: 'Password',
    confirm: 'Confirm password',
    strength: 'Strength',
    strengthRule: 'A password that is not stronger than "Average (50%)" cannot be registered.',
    match: 'The passwords match.',
    mismatch: '"Confirm password" does not match "Password". Type the same password again.',
    ruleOk: 'This password can be registered.',
    submit: 'Register',
    errorsTitle: 'Please check what you entered and correct:',
    doneTitle: 'Your registration is complete',
    done: (userName: string, service: string) =>
      `Sign in to ${service} with the user ID "${userName}" and the password you set.`,
    loginLink: (service: string) => `Open the ${service} sign-in page`,
    noLogin: (service: string) => `Ask your administrator for the address of the ${service} sign-in page.`,
    doneMail: (email: string) => `A mail with your registration details has been sent to ${email}.`,
    goneTitle: 'This link cannot be used',
    expired: 'This link has expired (it works for 7 days after the mail).',
    used: 'This link has already been used: it works only once.',
    replaced: 'A newer registration mail has been sent: use the link in the latest mail.',
    unknown: 'This link is not valid or can no longer be used.',
    askAdmin: 'To register, ask your administrator to send the registration mail again.',
    csrfTitle: 'Please open the page again',
    csrf: 'The form could not be verified. Open the page again from the link in your mail.',
    tooManyTitle: 'Please try again later',
    tooMany: (minutes: number) => `Too many attempts. Wait about ${minutes} minutes and try again.`,
    errorTitle: 'Something went wrong',
    error: 'Your registration could not be completed. Please try again later.',
    badRequest: 'What was sent could not be accepted. Open the page again and fill in the form once more.',
    noTenant: 'The organisation of this link was not found.',
  },
} as const satisfies Record<Locale, unknown>;

export type PageText = (typeof PAGE_TEXT)[Locale];

/** A password column's rule in words (seed 004's site settings): its length and character classes. */
export function passwordRuleText(
  locale: Locale,
  rule: { min: number; max: number; classes: number },
): string {
  const { min, max, classes } = rule;
  return locale === 'ja'
    ? `${min}〜${max}文字の半角英数字・記号で、英小文字・英大文字・数字・記号のうち${classes}種類以上を組み合わせてください。`
    : `${min}–${max} ASCII letters, digits and symbols, combining at least ${classes} of: lower case, upper case, digits, symbols.`;
}
