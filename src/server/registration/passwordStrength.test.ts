import { strengthOf } from './passwordStrength';

describe('the strength advice reads as sentences', () => {
  test('Japanese advice ends each sentence with 。 and needs no space between them', () => {
    const s = strengthOf('aaaaaa', [], 'ja');
    const sentences = [s.warning, ...s.suggestions].filter((x): x is string => !!x);
    expect(sentences.length).toBeGreaterThan(0);
    for (const x of sentences) expect(x).toMatch(/。$/);
  });

  test('English advice ends each sentence with a full stop', () => {
    const s = strengthOf('aaaaaa', [], 'en');
    for (const x of [s.warning, ...s.suggestions].filter((x): x is string => !!x))
      expect(x).toMatch(/[.!?]$/);
  });
});
