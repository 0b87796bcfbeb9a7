import { LIMITS } from '../../scim/limits';
import { parseJsonBody } from './jsonBody';

// Every body is checked before a route sees it (issue 11); the common case is checked without
// looking at each string twice (issue 18), and these are the cases that must not slip through.
const problems = (text: string) => parseJsonBody(text).textProblems.map((p) => p.at);

describe('strings that cannot be stored are found wherever they are, however they are written', () => {
  test.each([
    ['an escaped NUL', '{"a":{"b":"x\\u0000y"}}', ['.a.b']],
    ['an escaped lone high surrogate', '{"a":["ok","\\uD800"]}', ['.a[1]']],
    ['an escaped lone low surrogate, lower case', '{"a":"\\udc00"}', ['.a']],
    ['a lone surrogate in the text itself', '{"a":"\uD800"}', ['.a']],
    ['a NUL in a key', '{"k\\u0000":1}', ['']],
    ['a string longer than jsonString', `{"a":"${'x'.repeat(LIMITS.jsonString + 1)}"}`, ['.a']],
    ['a key longer than pathLength', `{"${'k'.repeat(LIMITS.pathLength + 1)}":1}`, ['']],
  ])('%s', (_what, text, at) => {
    expect(problems(text)).toEqual(at);
  });

  test.each([
    ['an escaped surrogate pair', '{"a":"\\uD83D\\uDE00"}'],
    ['a raw emoji and Japanese', '{"a":"😀 利用者"}'],
    ['an escaped backslash before u0000', '{"a":"\\\\u0000"}'],
    ['a string of exactly jsonString', `{"a":"${'x'.repeat(LIMITS.jsonString)}"}`],
  ])('%s is fine', (_what, text) => {
    expect(problems(text)).toEqual([]);
  });
});

test.each([
  '{"__proto__":{"x":1}}',
  '{"a":[{"Constructor":1}]}',
  '{"a":{"PROTOTYPE":1}}',
  '{"\\u005f_proto__":{"x":1}}',
])('the key in %s is refused with a 400', (text) => {
  expect(() => parseJsonBody(text)).toThrow(expect.objectContaining({ status: 400 }));
});

describe('nesting is counted outside strings only', () => {
  const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  test.each([
    ['as deep as jsonDepth', nested(LIMITS.jsonDepth), true],
    ['one level deeper', nested(LIMITS.jsonDepth + 1), false],
    ['brackets inside a string', `{"a":"${'['.repeat(100)}"}`, true],
    ['an escaped quote, then brackets still in the string', `{"a":"\\"${'{'.repeat(100)}"}`, true],
    [
      'an escaped backslash closing the string, then deep nesting',
      `{"a":"\\\\",${'"b":'}${nested(40)}}`,
      false,
    ],
    ['deep nesting after many strings', `[${'"x",'.repeat(1000)}${nested(LIMITS.jsonDepth)}]`, false],
  ])('%s', (_what, text, ok) => {
    if (ok) expect(() => parseJsonBody(text)).not.toThrow();
    else expect(() => parseJsonBody(text)).toThrow(/nests \d+ levels deep: the limit jsonDepth/);
  });
});
