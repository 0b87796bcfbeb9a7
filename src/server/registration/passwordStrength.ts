import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as ja from '@zxcvbn-ts/language-ja';
import type { Locale } from '../../domain';

/** How strong a password is, as the registration page's meter shows it. */
export interface Strength {
  /** zxcvbn's score, 0 (too guessable) to 4 (very unguessable). */
  score: number;
  /** The score as the seed's percentages: 0, 25, 50 (平均), 75, 100. */
  percent: number;
  label: string;
  warning: string | null;
  suggestions: string[];
}

const LABELS: Record<Locale, readonly string[]> = {
  ja: ['とても弱い', '弱い', '平均', '強い', 'とても強い'],
  en: ['Very weak', 'Weak', 'Average', 'Strong', 'Very strong'],
};

/** Longer passwords are refused (seed 004: 8–128 characters). */
export const MAX_SCORED_LENGTH = 128;

/**
 * Only this many leading characters are scored: zxcvbn's matching grows fast with length (a
 * 128-character password took 1.2 s, 64 characters 0.3 s, measured with `bench/hostile`), and 64
 * characters that are not guessable are already "very strong". Judging the prefix only is
 * stricter, never laxer, than judging the whole password.
 */
const SCORED_PREFIX = 64;

const factories = new Map<Locale, ZxcvbnFactory>();

// Dictionaries load on first use (about 0.1 s): a server that never shows the page never pays.
function factory(locale: Locale): ZxcvbnFactory {
  let f = factories.get(locale);
  if (!f) {
    // Setup as documented in @zxcvbn-ts/core's README: common + language dictionaries and graphs.
    f = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...ja.dictionary },
      graphs: common.adjacencyGraphs,
      translations: locale === 'ja' ? ja.translations : en.translations,
    });
    factories.set(locale, f);
  }
  return f;
}

/** zxcvbn's Japanese advice has no 。 (its English some full stops): each a whole sentence. */
function sentence(text: string, locale: Locale): string {
  const t = text.trim();
  if (locale === 'ja') return /[。！？]$/.test(t) ? t : `${t}。`;
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * The strength of a password; `userInputs` (user ID, name, email, the tenant's name) count
 * as guessable words, so a password built from them scores low.
 */
export function strengthOf(password: string, userInputs: readonly string[], locale: Locale): Strength {
  const result = factory(locale).check(password.slice(0, SCORED_PREFIX), [...userInputs].filter(Boolean));
  const score = result.score;
  return {
    score,
    percent: score * 25,
    label: LABELS[locale][score]!,
    warning: result.feedback.warning ? sentence(result.feedback.warning, locale) : null,
    suggestions: result.feedback.suggestions.map((x) => sentence(x, locale)),
  };
}
