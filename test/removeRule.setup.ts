// Used only by scripts/rule-mutation.sh: removes one rule (or lock) from a profile before the
// tests run, to prove that some test fails without it. Does nothing unless REMOVE_RULE is set.
import { profiles } from '../src/domain';

const spec = process.env.REMOVE_RULE;
if (spec) {
  const [profileId, key, what] = spec.split(':') as [keyof typeof profiles, string, string];
  const profile = profiles[profileId] as unknown as {
    columns: { key: string; rules: unknown[]; ignoredIn: string[] }[];
    locks: Record<string, string[]>;
  };
  if (key === 'locks') {
    const [kind, column] = what.split('/') as [string, string];
    profile.locks[kind] = profile.locks[kind]!.filter((k) => k !== column);
  } else {
    const col = profile.columns.find((c) => c.key === key)!;
    col.rules.splice(Number(what), 1);
  }
}
