import { ACTIVE_STATUS, validateRows, withoutRowPrefix, type Locale } from '../../domain';
import { recordValues } from '../../scim/userResource';
import type { TenantInfo } from '../context';
import type { Db } from '../db/connect';
import { enqueueMail } from '../mail/MailOutbox';
import { PAGE_TEXT } from '../pages/pageText';
import { audit, loadUsers, saveUser, type StoredUser } from '../users/userStore';
import { isPending } from './invitations';
import { MAX_SCORED_LENGTH, type Strength } from './passwordStrength';
import { consumeRegistrationToken } from './registrationTokens';
import { mailFor } from './userMail';

/** What the user typed on the registration page. */
export interface RegistrationForm {
  password: string;
  confirm: string;
  /** Only where the profile lets the user change it (jairo). */
  displayName?: string;
}

/** A refusal on the page, per field, in the page's language. */
export type FieldErrors = Partial<Record<'password' | 'confirm' | 'displayName', string>>;

const TEXT = {
  mismatch: { ja: PAGE_TEXT.ja.mismatch, en: PAGE_TEXT.en.mismatch },
  required: { ja: 'パスワードを入力してください。', en: 'Enter a password.' },
  tooLong: {
    ja: `パスワードは${MAX_SCORED_LENGTH}文字以内にしてください。`,
    en: `Use at most ${MAX_SCORED_LENGTH} characters.`,
  },
  weak: {
    ja: 'パスワードの強度が［平均(50%)］以下です。もっと推測されにくいパスワードにしてください。',
    en: 'This password is not stronger than "Average (50%)". Choose one that is harder to guess.',
  },
} as const;

/** Words that make a password guessable for this user: zxcvbn's user inputs. */
export function guessableWords(tenant: TenantInfo, user: StoredUser, displayName?: string): string[] {
  return [
    user.userName,
    user.displayName,
    displayName ?? '',
    user.email,
    user.email.split('@')[0] ?? '',
    tenant.name,
  ];
}

/**
 * The page's rules for the form: the passwords match; the profile's password column rules
 * (eq: length, characters, the tenant's classes); the profile's minimum strength (jairo:
 * above 平均(50%)); the display name follows its column rules. Empty when all hold.
 */
export async function formErrors(
  tenant: TenantInfo,
  user: StoredUser,
  form: RegistrationForm,
  locale: Locale,
  score: (password: string, userInputs: string[], locale: Locale) => Promise<Strength>,
): Promise<FieldErrors> {
  const { profile } = tenant;
  const errors: FieldErrors = {};
  const editable = profile.registration.userEditable;
  const values = recordValues(profile, user);
  if (form.displayName !== undefined && editable.includes('displayName'))
    values.displayName = form.displayName;
  // The same column rules the roster uses, on this one user; the row prefix means nothing here.
  for (const mode of ['update', 'update-password'] as const) {
    const row = { rowNumber: 1, id: user.id, values: { ...values, password: form.password } };
    for (const p of validateRows(profile, [row], { mode, locale, passwordClasses: tenant.passwordClasses })) {
      // Only the fields on the page: the password and what the user may change (the first message each).
      const field = p.column as keyof FieldErrors;
      if ((field === 'password' || editable.includes(field)) && !errors[field]) {
        errors[field] = withoutRowPrefix(p.message, p.rowNumber, locale);
      }
    }
  }
  if (!errors.password) {
    if (form.password === '') errors.password = TEXT.required[locale];
    else if ([...form.password].length > MAX_SCORED_LENGTH) errors.password = TEXT.tooLong[locale];
    else {
      const min = profile.registration.minStrengthScore;
      const words = guessableWords(tenant, user, form.displayName);
      if (min !== null && (await score(form.password, words, locale)).score < min)
        errors.password = TEXT.weak[locale];
    }
  }
  if (form.password !== form.confirm) errors.confirm = TEXT.mismatch[locale];
  return errors;
}

export type Completion =
  | { ok: true; user: StoredUser }
  /** The token was used, replaced or expired between showing the form and sending it. */
  | { ok: false; reason: 'gone' };

/**
 * Finishes a registration whose form passed `formErrors`: uses the token up (once, even
 * under a race), sets the password (the user's own now), activates the account, keeps the
 * new version in history with an audit entry, and queues the completion mail.
 */
export async function completeRegistration(
  deps: { db: Db; now: Date; hashPassword: (pw: string) => Promise<string>; onMailQueued: () => void },
  tenant: TenantInfo,
  token: string,
  form: RegistrationForm,
): Promise<Completion> {
  // argon2id is slow on purpose: hash before the transaction takes any lock.
  const passwordHash = await deps.hashPassword(form.password);
  const { now } = deps;
  const done = await deps.db.transaction().execute(async (tx) => {
    const userId = await consumeRegistrationToken(tx, tenant.id, token, now);
    if (!userId) return undefined;
    const user = (await loadUsers(tx, tenant.id, [userId], true)).get(userId);
    if (!user || !isPending(user)) return undefined;
    const editable = tenant.profile.registration.userEditable;
    const next: StoredUser = {
      ...user,
      displayName:
        form.displayName !== undefined && editable.includes('displayName')
          ? form.displayName
          : user.displayName,
      attrs: { ...user.attrs, status: ACTIVE_STATUS },
      passwordHash,
      passwordIssuer: 'user',
      version: user.version + 1,
      lastModified: now,
    };
    await saveUser(tx, tenant.id, next, now, true);
    await audit(tx, tenant.id, now, [
      {
        actor: `registration:${user.userName}`,
        action: 'register',
        resourceType: 'User',
        resourceId: user.id,
        detail: {
          userName: user.userName,
          status: { from: user.attrs.status, to: ACTIVE_STATUS },
          displayNameChanged: next.displayName !== user.displayName,
        },
      },
    ]);
    if (next.email) await enqueueMail(tx, now, [mailFor(tenant, next, 'registered')]);
    return next;
  });
  if (!done) return { ok: false, reason: 'gone' };
  if (done.email) deps.onMailQueued();
  return { ok: true, user: done };
}
