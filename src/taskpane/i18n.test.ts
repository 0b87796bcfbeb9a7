import { localeOf, strings } from './i18n';

describe('the pane follows Office’s display language', () => {
  test.each([
    ['ja-JP', 'ja'],
    ['ja', 'ja'],
    ['JA-jp', 'ja'],
    ['en-US', 'en'],
    ['fr-FR', 'en'],
    ['jv-ID', 'en'],
    [undefined, 'en'],
  ])('%s -> %s', (lang, locale) => {
    expect(localeOf(lang)).toBe(locale);
  });

  test('both languages have the same strings', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v).map((x) => `${k}.${x}`) : [k]));
    expect(keys(strings.en).sort()).toEqual(keys(strings.ja).sort());
  });
});
