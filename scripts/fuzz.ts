// `npm run fuzz [-- --runs N --seed S --db pglite|postgres]`: the hostile-request fuzz suite,
// longer than in `npm test` and with a random seed, printed first so a failure can be replayed
// with `--seed`.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5000' },
    seed: { type: 'string' },
    db: { type: 'string', default: 'pglite' },
  },
});
const seed = values.seed ?? String(randomInt(2 ** 31));
process.stdout.write(
  `fuzz: seed ${seed}, ${values.runs} runs, ${values.db} (replay: npm run fuzz -- --seed ${seed})\n`,
);
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', 'src/server/fuzz'],
  {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: values.runs, DB_KIND: values.db },
  },
);
process.stdout.write(`fuzz: seed ${seed}\n`);
process.exit(result.status ?? 1);
