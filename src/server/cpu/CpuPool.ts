import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ScimError } from '../../scim/ScimError';
import type { CpuResults, CpuTask } from './cpuTasks';

interface Pending {
  id: number;
  task: CpuTask;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
}

export interface CpuPoolOptions {
  /** Worker threads (default: one fewer than the cores, at least one). */
  size?: number;
  /** Tasks that may wait for a worker; one more is refused with 503 (default 64). */
  maxQueue?: number;
}

/**
 * A small pool of worker threads for CPU-heavy work (password strength, argon2id), so a slow
 * task never blocks the event loop, and a bounded queue, so a flood of them is refused (503 with
 * Retry-After) instead of growing without end. Workers start on first use and never keep the
 * process alive by themselves.
 */
export class CpuPool {
  private readonly size: number;
  private readonly maxQueue: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: CpuPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? 64;
  }

  /** Runs a task in a worker; rejects with a 503 ScimError when the queue is full. */
  run<K extends CpuTask['kind']>(task: Extract<CpuTask, { kind: K }>): Promise<CpuResults[K]> {
    if (this.closed) return Promise.reject(new Error('The CPU pool is closed.'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(
        new ScimError(503, 'The server is busy checking passwords; try again in a moment.', undefined, [], {
          'retry-after': '1',
        }),
      );
    }
    return new Promise<CpuResults[K]>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; waiting and running tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('The CPU pool is closed.'));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.busy?.reject(new Error('The CPU pool is closed.'));
        return s.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(join(__dirname, 'cpuWorker.cjs'));
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const job = slot.busy;
      if (!job || job.id !== msg.id) return;
      slot.busy = undefined;
      // An idle worker must not keep the process alive (tests, a server shutting down).
      worker.unref();
      if (msg.ok) job.resolve(msg.result);
      else job.reject(new Error(msg.error ?? 'CPU task failed.'));
      this.dispatch();
    });
    // A worker that dies takes its task with it; the next task gets a fresh worker.
    worker.on('error', (e) => this.retire(slot, e));
    worker.on('exit', (code) => this.retire(slot, new Error(`CPU worker exited with code ${code}.`)));
    this.slots.push(slot);
    return slot;
  }

  private retire(slot: Slot, error: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    slot.busy?.reject(error);
    slot.busy = undefined;
    if (!this.closed) this.dispatch();
  }
}

let shared: CpuPool | undefined;

/** The process's pool (CPU_WORKERS threads, default cores - 1), made on first use. */
export function sharedCpuPool(): CpuPool {
  shared ??= new CpuPool({ size: Number(process.env.CPU_WORKERS) || undefined });
  return shared;
}
