import type { RequestCtx } from '../context';
import type { Tx } from './connect';

/** Thrown inside a dry-run transaction so that nothing it did is kept. */
class DryRunRollback extends Error {}

/** Runs `work` in a transaction; a dry run rolls it back whatever it did and returns its result. */
export async function inTransaction<T>(
  ctx: RequestCtx,
  dryRun: boolean,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  try {
    await ctx.db.transaction().execute(async (tx) => {
      result = await work(tx);
      if (dryRun) throw new DryRunRollback();
    });
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  return result as T;
}
