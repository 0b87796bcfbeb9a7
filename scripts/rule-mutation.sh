#!/usr/bin/env bash
# Proves that every rule of every profile has a test that fails without it: removes each rule
# in turn (test/removeRule.setup.ts) and runs the domain tests. Prints a line per rule.
set -u
cd "$(dirname "$0")/.."
specs=$(npx tsx -e "
import { profiles } from './src/domain';
for (const p of Object.values(profiles)) {
  p.columns.forEach((c) => c.rules.forEach((r, i) => console.log(p.id + ':' + c.key + ':' + i + ' ' + r.type)));
  for (const [kind, cols] of Object.entries(p.locks)) for (const c of cols) console.log(p.id + ':locks:' + kind + '/' + c + ' lock');
}")
run() { npx jest --silent --setupFiles=./test/removeRule.setup.ts --roots="$PWD/src/domain" >/dev/null 2>&1; }
# The harness itself must be green with nothing removed, or every "caught" below means nothing.
if ! run; then echo "the domain tests fail with no rule removed"; exit 1; fi
survived=0
while read -r spec type; do
  if REMOVE_RULE="$spec" run; then
    echo "SURVIVED $spec ($type)"; survived=$((survived + 1))
  else
    echo "caught   $spec ($type)"
  fi
done <<< "$specs"
echo "rules whose removal no test noticed: $survived"
[ "$survived" -eq 0 ]
