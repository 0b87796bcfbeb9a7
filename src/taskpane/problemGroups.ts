// Problems grouped by kind (issue 15): 600 identical problems are one line with a count, not
// 600 lines. Pure, so it is tested alone.
import { withoutRowPrefix, type Locale, type Problem } from '../domain';

export interface ProblemGroup {
  key: string;
  /** What is wrong, in the problems' own words when they all say the same. */
  label: string;
  problems: Problem[];
}

const MIXED = {
  ja: (header: string) => `'${header}'の問題`,
  en: (header: string) => `Problems with '${header}'`,
} as const;

/** One group per column and kind of problem, the biggest first (ties in sheet order). */
export function groupProblems(
  problems: readonly Problem[],
  locale: Locale,
  headerOf: (columnKey: string) => string,
): ProblemGroup[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.column}|${p.code}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return [...groups]
    .map(([key, list]) => {
      const bodies = new Set(list.map((p) => withoutRowPrefix(p.message, p.rowNumber, locale)));
      const label = bodies.size === 1 ? [...bodies][0]! : MIXED[locale](headerOf(list[0]!.column));
      return { key, label, problems: list };
    })
    .sort((a, b) => b.problems.length - a.problems.length);
}
