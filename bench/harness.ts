import { performance } from 'node:perf_hooks';

/** One line of the benchmark table. */
export interface Result {
  name: string;
  /** Median of the timed runs, in milliseconds. */
  ms: number;
  /** How many timed runs the median is of. */
  runs?: number;
  /** A target that is not a time (sync counts, sizes): whether it was met. */
  met?: boolean;
  /** The target in milliseconds, if the issue sets one. */
  targetMs?: number;
  note?: string;
}

/** Runs `fn` once to warm up, then `runs` times, and returns the median time in ms. */
export async function median(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Prints the results as a table and returns whether every target was met. */
export function printTable(results: readonly Result[]): boolean {
  const rows = results.map((r) => [
    r.name,
    r.ms.toFixed(1),
    String(r.runs ?? 5),
    r.targetMs === undefined ? '-' : r.targetMs.toFixed(0),
    r.targetMs === undefined && r.met === undefined
      ? ''
      : (r.targetMs === undefined || r.ms <= r.targetMs) && r.met !== false
        ? 'ok'
        : 'MISSED',
    r.note ?? '',
  ]);
  const head = ['benchmark', 'median ms', 'runs', 'target ms', '', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  return results.every((r) => (r.targetMs === undefined || r.ms <= r.targetMs) && r.met !== false);
}
