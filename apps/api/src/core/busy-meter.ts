/**
 * How busy a stage has been lately: the share of the last one to two windows of wall time
 * spent between `begin()` and `end()`, work still under way included. Kept as two windows
 * (the one filling and the one before), so work ages out without a timer.
 *
 * The tracker measures its writes with it; background work (compaction) asks it whether
 * ingest has room to spare before taking its turn.
 */
export class BusyMeter {
  private windowStart: number;
  private current = 0;
  private previous = 0;
  private since: number | null = null;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly windowMs = 1_000,
  ) {
    this.windowStart = now();
  }

  begin(): void {
    this.since ??= this.roll();
  }

  end(): void {
    const t = this.roll();
    if (this.since !== null) this.current += t - Math.max(this.since, this.windowStart);
    this.since = null;
  }

  /** Between 0 (idle) and 1 (busy all the time) over the last one to two windows. */
  share(): number {
    const t = this.roll();
    const ongoing = this.since === null ? 0 : t - Math.max(this.since, this.windowStart);
    const span = this.windowMs + (t - this.windowStart);
    return Math.min(1, (this.previous + this.current + ongoing) / span);
  }

  /** Moves to the window `now` falls in, carrying work under way across; returns now. */
  private roll(): number {
    const t = this.now();
    const elapsed = t - this.windowStart;
    if (elapsed < this.windowMs) return t;
    if (this.since === null && elapsed >= 2 * this.windowMs) {
      // Idle for two windows or more: nothing of before counts.
      this.previous = 0;
      this.current = 0;
      this.windowStart = t - (elapsed % this.windowMs);
      return t;
    }
    while (t - this.windowStart >= this.windowMs) {
      const boundary = this.windowStart + this.windowMs;
      if (this.since !== null) this.current += boundary - Math.max(this.since, this.windowStart);
      this.previous = this.current;
      this.current = 0;
      this.windowStart = boundary;
    }
    return t;
  }
}
