import { LIMITS } from '../../scim/limits';
import { ScimError } from '../../scim/ScimError';

/** Keys that reach Object.prototype through naive merges and path walkers: never data. */
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function refuse(detail: string, scimType: 'invalidSyntax' | 'invalidValue' = 'invalidValue'): never {
  throw new ScimError(400, detail, scimType);
}

/** The deepest nesting of a JSON text, counted without parsing it (so without recursion). */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** In Unicode mode a surrogate range matches only unpaired halves (ECMA-262 22.2.2.9). */
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/** Why a string cannot be stored as text, or undefined: NUL, a lone surrogate, or too long. */
export function badText(s: string, maxLength: number): string | undefined {
  if (s.includes('\u0000')) return 'contains the NUL character (U+0000)';
  if (!s.isWellFormed()) return 'contains a lone UTF-16 surrogate (not Unicode text)';
  if (s.length > maxLength) return `is ${s.length} characters: the limit jsonString is ${maxLength}`;
  return undefined;
}

/**
 * Whether any string of a JSON text may hold a NUL or a lone surrogate. JSON text cannot hold a
 * raw control character in a string (RFC 8259 section 7), so a NUL comes from `\u0000`; a lone
 * surrogate comes from an escape in D800–DFFF or from the text itself (not from decoded UTF-8,
 * but a caller may pass any string). One scan of the text instead of one per string (issue 18);
 * a false alarm (`\\u0000`, a surrogate pair) only costs the full check of every string.
 */
const ESCAPED_BAD = /\\u(?:0000|[dD][89a-fA-F])/;
function mayHoldBadChars(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed() || ESCAPED_BAD.test(text);
}

/** Lengths of the keys that can be poison (`__proto__`, `prototype`, `constructor`). */
const POISON_LENGTHS = new Set([...POISON_KEYS].map((k) => k.length));

/** A short, safe rendering of a key for a message. */
const show = (s: string) =>
  JSON.stringify((s.length > 40 ? `${s.slice(0, 40)}…` : s).replace(LONE_SURROGATES, '\ufffd'));

/** A string in a body that cannot be stored as text, and where it is (`.Operations[2].data.x`). */
export interface TextProblem {
  at: string;
  detail: string;
}

/**
 * Parses a JSON request body and checks all of it before any route sees it. Structure that no
 * request may have is refused at once with a 400: nesting deeper than LIMITS.jsonDepth, or a
 * key named `__proto__`/`constructor`/`prototype`. Strings that cannot be stored as text (NUL, a
 * lone surrogate, longer than LIMITS.jsonString) are returned as problems with their place, so
 * that a Bulk request can fail just the operation that holds one (RFC 7644 3.7.3).
 */
export function parseJsonBody(text: string): { body: unknown; textProblems: TextProblem[] } {
  const textProblems: TextProblem[] = [];
  if (text === '') return { body: undefined, textProblems };
  const depth = depthOf(text);
  if (depth > LIMITS.jsonDepth) {
    refuse(
      `The body nests ${depth} levels deep: the limit jsonDepth is ${LIMITS.jsonDepth}.`,
      'invalidSyntax',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    refuse(`The body is not valid JSON: ${(e as Error).message}`, 'invalidSyntax');
  }
  // Places are kept as links to their parent and spelled out only for a problem: a body of
  // 100,000 strings then costs no string building.
  type Place = { parent?: Place; key: string | number };
  const spell = (p: Place): string => {
    const parts: string[] = [];
    for (let q: Place | undefined = p; q?.parent; q = q.parent) {
      parts.push(typeof q.key === 'number' ? `[${q.key}]` : `.${q.key}`);
    }
    return parts.reverse().join('');
  };
  const shown = (p: Place) => spell(p) || 'the top';
  // Strings are checked where they are found; only objects and arrays wait on the stack, so
  // a list of 100,000 strings allocates nothing per string.
  const scan = mayHoldBadChars(text);
  const checkString = (v: string, parent: Place, key: string | number) => {
    if (!scan && v.length <= LIMITS.jsonString) return;
    const why = badText(v, LIMITS.jsonString);
    if (!why) return;
    const place = { parent, key };
    textProblems.push({ at: spell(place), detail: `The value at ${shown(place)} ${why}.` });
  };
  const root: Place = { key: '' };
  if (typeof parsed === 'string') checkString(parsed, root, '');
  const stack: { value: unknown; place: Place }[] = [{ value: parsed, place: root }];
  while (stack.length > 0) {
    const { value, place } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        if (typeof v === 'string') checkString(v, place, i);
        else if (typeof v === 'object' && v !== null)
          stack.push({ value: v, place: { parent: place, key: i } });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        if (POISON_LENGTHS.has(key.length) && POISON_KEYS.has(key.toLowerCase())) {
          refuse(`The key ${show(key)} at ${shown(place)} is not allowed in any request.`);
        }
        const why = scan || key.length > LIMITS.pathLength ? badText(key, LIMITS.pathLength) : undefined;
        if (why) textProblems.push({ at: spell(place), detail: `A key at ${shown(place)} ${why}.` });
        const v: unknown = (value as Record<string, unknown>)[key];
        if (typeof v === 'string') checkString(v, place, key);
        else if (typeof v === 'object' && v !== null) stack.push({ value: v, place: { parent: place, key } });
      }
    }
  }
  return { body: parsed, textProblems };
}

/** The first problem as the 400 it is. */
export function textError(problem: TextProblem): ScimError {
  return new ScimError(400, problem.detail, 'invalidValue');
}
