// The roster's order on pull (issue 15): by user ID (eq) or member number (jairo), numbers by
// their value. Pure; Array.prototype.sort is stable (ECMAScript 2019), so equal keys keep the
// server's order.
import type { Profile } from './profile';
import type { Locale } from './types';

/** The column a pulled roster is sorted by: the profile's own choice, else the user ID. */
export function sortKeyOf(profile: Profile): string {
  return profile.sortColumn ?? profile.userNameColumn;
}

/**
 * Users in the order an administrator looks them up: `2` before `10` (Intl.Collator's `numeric`
 * compares runs of digits by value, at any length), letters in the UI language's order with case
 * and width ignored (`sensitivity: 'base'`), blank keys last.
 */
export function sortRoster<T extends { values: Readonly<Record<string, string>> }>(
  profile: Profile,
  users: readonly T[],
  locale: Locale,
): T[] {
  const key = sortKeyOf(profile);
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const at = (u: T) => u.values[key] ?? '';
  return [...users].sort((a, b) => {
    const x = at(a);
    const y = at(b);
    if (x === '' || y === '') return (x === '' ? 1 : 0) - (y === '' ? 1 : 0);
    return collator.compare(x, y);
  });
}
