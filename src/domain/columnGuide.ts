// The 列の説明 (Column guide) sheet and the example row of a new roster (issue 15): every column
// of a profile with its allowed values in the seeds' notation (`0(一般ユーザー)/1(編集者)/2(管理者)`),
// its rules in words, and an example. Pure: made from the profile data the checks also read.
import type { Column, Profile, Rule } from './profile';
import type { Locale, RowMode } from './types';

const MODE_WORDS: Record<Locale, Record<RowMode, string>> = {
  ja: {
    'register-invite': 'ワンタイムURLで登録',
    'register-password': 'パスワードを設定して登録',
    update: '更新',
    'update-password': 'パスワードの更新',
  },
  en: {
    'register-invite': 'registering with a one-time URL',
    'register-password': 'registering with a set password',
    update: 'updating',
    'update-password': 'updating passwords',
  },
};

const HEAD: Record<Locale, string[]> = {
  ja: ['列', '入力できる値', 'ルール', '例'],
  en: ['Column', 'Allowed values', 'Rules', 'Example'],
};

/** A choice column's values as the seeds write them: `0(一般ユーザー)/1(編集者)/2(管理者)`. */
export function allowedValues(col: Column, locale: Locale, serverOnly = false): string {
  return (col.options ?? [])
    .filter((o) => (o.serverOnly ?? false) === serverOnly)
    .map((o) =>
      o.serverOnly ? o.label[locale] : o.value === o.label.ja ? o.value : `${o.value}(${o.label[locale]})`,
    )
    .join('/');
}

function modes(profile: Profile, list: readonly RowMode[], locale: Locale): string | null {
  const all = profile.modes.every((m) => list.includes(m));
  if (all) return null;
  const sep = locale === 'ja' ? '・' : ', ';
  const inList = profile.modes.filter((m) => list.includes(m));
  const outside = profile.modes.filter((m) => !list.includes(m));
  // Most modes: name the exception (必須（パスワードの更新を除く）).
  if (inList.length > outside.length && outside.length > 0) {
    const except = outside.map((m) => MODE_WORDS[locale][m]).join(sep);
    return locale === 'ja' ? `${except}を除く` : `not when ${except}`;
  }
  return inList.map((m) => MODE_WORDS[locale][m]).join(sep);
}

function ruleText(profile: Profile, col: Column, rule: Rule, locale: Locale): string | null {
  const ja = locale === 'ja';
  const header = (key: string) => profile.columns.find((c) => c.key === key)?.header[locale] ?? key;
  switch (rule.type) {
    case 'required': {
      const when = modes(profile, rule.in, locale);
      if (when === '') return null;
      if (!ja)
        return !when ? 'Required' : when.startsWith('not ') ? `Required, ${when}` : `Required when ${when}`;
      return when ? `必須（${when}）` : '必須';
    }
    case 'requiredWhen':
      return ja
        ? `'${header(rule.column)}'が「${rule.equals}」の場合は必須`
        : `Required when '${header(rule.column)}' is ${rule.equals}`;
    case 'columnPresent':
      return ja
        ? '更新では列が必要（空欄にすると値が削除されます）'
        : 'Updates need the column (a blank value removes it)';
    case 'forbidden': {
      const when = modes(profile, rule.in, locale) ?? '';
      return ja ? `${when}では空欄にする` : `Leave blank when ${when}`;
    }
    case 'length':
      if (rule.min !== undefined && rule.max !== undefined)
        return ja ? `${rule.min}～${rule.max}文字` : `${rule.min} to ${rule.max} characters`;
      if (rule.max !== undefined) return ja ? `${rule.max}文字以内` : `At most ${rule.max} characters`;
      return ja ? `${rule.min}文字以上` : `At least ${rule.min} characters`;
    case 'noWhitespace':
      return ja ? '空白文字は使えません' : 'No whitespace';
    case 'identifier':
      return ja ? `使える文字: ${rule.allowed}（半角）` : `Only the characters ${rule.allowed} (half-width)`;
    case 'email':
      return ja ? 'メールアドレスの形式（例: xxxx@xx.xx.xx）' : 'An email address (e.g. xxxx@xx.xx.xx)';
    case 'password':
      return ja
        ? '半角英数字と記号 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ のみ。必須の文字種数はサイト設定に従います'
        : 'ASCII letters, digits and !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ only; the site sets how many kinds are needed';
    case 'idList':
      return ja
        ? '数字。複数は半角スペースで区切る'
        : 'Digits; several separated by single half-width spaces';
    case 'oneOf': {
      const no = (rule.rejected ?? []).map((r) =>
        ja
          ? `「${r.value}」は使えません（${r.reason.ja}）`
          : `'${r.value}' is not available (${r.reason.en})`,
      );
      return [
        ja
          ? '左の値のいずれか（コード・名称・「2:管理者」の形のどれでも可）'
          : 'One of the allowed values (code, name or both, like 2:Administrator)',
        ...no,
      ].join(ja ? '。' : '. ');
    }
    case 'unique':
      return ja
        ? `重複不可${rule.caseInsensitive ? '（大文字・小文字は区別しません）' : ''}`
        : `Unique${rule.caseInsensitive ? ' (case-insensitive)' : ''}`;
    case 'noExponent':
      return ja
        ? '指数表記（1.23457E+13 など）は不可。セルの書式は文字列のまま'
        : 'No exponent notation (1.23457E+13); keep the cell formatted as Text';
  }
}

function rulesOf(profile: Profile, col: Column, locale: Locale): string {
  const ja = locale === 'ja';
  const parts: string[] = [];
  if (col.serverManaged || !col.editable)
    parts.push(ja ? 'サーバーが設定します（入力不可）' : 'Set by the server (read-only)');
  for (const rule of col.rules) {
    const t = ruleText(profile, col, rule, locale);
    if (t) parts.push(t);
  }
  if (col.immutable) parts.push(ja ? '登録後は変更できません' : 'Cannot change once the user exists');
  if (
    col.key === profile.userNameColumn &&
    !col.rules.some((r) => r.type === 'required' && r.in.includes('register-invite'))
  )
    parts.push(ja ? '登録時に空欄なら自動で採番されます' : 'Blank on registration: the server assigns one');
  if (col.writeOnly)
    parts.push(ja ? '取得しても空欄（サーバーから読み出されません）' : 'Never pulled: blank after a pull');
  return parts.join(ja ? '。' : '. ');
}

/** A new user's row that passes every rule of the profile for an invitation (blank where the server decides). */
export function exampleRow(profile: Profile, locale: Locale): Record<string, string> {
  const ja = locale === 'ja';
  const row: Record<string, string> = {};
  for (const col of profile.columns) {
    const required = col.rules.some((r) => r.type === 'required' && r.in.includes('register-invite'));
    let v = '';
    if (col.serverManaged || !col.editable || col.writeOnly) v = '';
    else if (col.kind === 'enum') {
      const typable = col.options?.filter((o) => !o.serverOnly) ?? [];
      v = required || col.defaultValue !== undefined ? (col.defaultValue ?? typable[0]?.value ?? '') : '';
    } else if (col.kind === 'identifier') v = 'yamada.taro';
    else if (col.kind === 'email') v = 'taro.yamada@example.com';
    else if (col.kind === 'idList') v = '101 102';
    else if (col.key === 'displayName') v = ja ? '山田太郎' : 'TaroYamada';
    else if (required) v = ja ? '例' : 'Example';
    row[col.key] = v;
  }
  return row;
}

/**
 * The guide's grid: a header, then one line per column of the sheet (登録状態 after ステータス
 * where the profile splits it): header, allowed values, rules, the example row's cell.
 */
export function columnGuide(
  profile: Profile,
  locale: Locale,
  shown: (col: Column, value: string) => string,
): string[][] {
  const ja = locale === 'ja';
  const example = exampleRow(profile, locale);
  const grid: string[][] = [HEAD[locale]];
  for (const col of profile.columns) {
    grid.push([
      col.header[locale],
      allowedValues(col, locale) || (col.serverStates ? '' : allowedValues(col, locale, true)),
      rulesOf(profile, col, locale),
      shown(col, example[col.key] ?? ''),
    ]);
    if (col.serverStates)
      grid.push([
        col.serverStates.header[locale],
        allowedValues(col, locale, true),
        ja
          ? `サーバーが設定します（入力不可）。登録を終えていないユーザーの状態です。この間、'${col.header.ja}'は空欄です`
          : `Set by the server (read-only): users who have not completed registration. '${col.header.en}' is blank meanwhile`,
        '',
      ]);
  }
  return grid;
}
