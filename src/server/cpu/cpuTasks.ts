import { hashSync, verifySync } from '@node-rs/argon2';
import type { Locale } from '../../domain';
import { strengthOf, type Strength } from '../registration/passwordStrength';

/** CPU-heavy work that runs in the pool's worker threads, never on the event loop. */
export type CpuTask =
  | { kind: 'strength'; password: string; userInputs: string[]; locale: Locale }
  | { kind: 'hash'; password: string }
  | { kind: 'verify'; hash: string; password: string };

/** What each task kind answers. */
export interface CpuResults {
  strength: Strength;
  hash: string;
  verify: boolean;
}

/** Runs one task (in a worker; also callable directly, which tests of the tasks themselves do). */
export function runCpuTask(task: CpuTask): CpuResults[CpuTask['kind']] {
  switch (task.kind) {
    case 'strength':
      return strengthOf(task.password, task.userInputs, task.locale);
    case 'hash':
      // argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).
      return hashSync(task.password);
    case 'verify':
      return verifySync(task.hash, task.password);
  }
}
