/**
 * Counts failed sign-ins per key (a tenant's user, a client address) in a sliding window and
 * says how long to wait once a key has failed too often. In memory: one server process.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: () => Date,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until the key may try again, or 0 when it may now. */
  retryAfter(key: string): number {
    const now = this.clock().getTime();
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    else this.failures.set(key, recent);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
  }

  fail(key: string): void {
    const list = this.failures.get(key) ?? [];
    list.push(this.clock().getTime());
    this.failures.set(key, list);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
