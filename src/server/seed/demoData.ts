// Realistic demo names: family and given names with their readings, combined deterministically.
export const FAMILY: readonly [string, string][] = [
  ['佐藤', 'sato'],
  ['鈴木', 'suzuki'],
  ['高橋', 'takahashi'],
  ['田中', 'tanaka'],
  ['伊藤', 'ito'],
  ['渡辺', 'watanabe'],
  ['山本', 'yamamoto'],
  ['中村', 'nakamura'],
  ['小林', 'kobayashi'],
  ['加藤', 'kato'],
  ['吉田', 'yoshida'],
  ['山田', 'yamada'],
  ['佐々木', 'sasaki'],
  ['山口', 'yamaguchi'],
  ['松本', 'matsumoto'],
  ['井上', 'inoue'],
  ['木村', 'kimura'],
  ['林', 'hayashi'],
  ['斎藤', 'saito'],
  ['清水', 'shimizu'],
  ['山崎', 'yamazaki'],
  ['森', 'mori'],
  ['池田', 'ikeda'],
  ['橋本', 'hashimoto'],
  ['阿部', 'abe'],
];

export const GIVEN: readonly [string, string][] = [
  ['太郎', 'taro'],
  ['花子', 'hanako'],
  ['翔太', 'shota'],
  ['陽菜', 'hina'],
  ['大輔', 'daisuke'],
  ['美咲', 'misaki'],
  ['健太', 'kenta'],
  ['結衣', 'yui'],
  ['拓也', 'takuya'],
  ['彩', 'aya'],
  ['直樹', 'naoki'],
  ['真由美', 'mayumi'],
  ['誠', 'makoto'],
  ['さくら', 'sakura'],
  ['一郎', 'ichiro'],
  ['恵子', 'keiko'],
];

export const EQ_GROUPS = ['営業部', '開発部', '人事部', '総務部', '広報部', '研修受講者'] as const;

/** The i-th demo person: kanji name parts and a romanized login name. */
export function person(i: number): { family: string; given: string; login: string } {
  const [family, familyRoman] = FAMILY[i % FAMILY.length]!;
  const [given, givenRoman] = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]!;
  const round = Math.floor(i / (FAMILY.length * GIVEN.length));
  return { family, given, login: `${givenRoman}.${familyRoman}${round > 0 ? round + 1 : ''}` };
}
