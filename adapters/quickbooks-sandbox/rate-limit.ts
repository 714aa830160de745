// QuickBooks' per-company limits as the sandbox enforces them: over 10 requests in any second or 500
// in any minute, the request is refused with 429 and a ThrottleExceeded fault.
export interface SandboxLimits {
  perSecond: number;
  perMinute: number;
  /** Sent as Retry-After on a 429 when set (QuickBooks often sends none). */
  retryAfterSeconds?: number;
}

export class SlidingWindow {
  private readonly stamps: number[] = [];
  throttled = 0;

  constructor(private readonly limits: SandboxLimits) {}

  /** Records a request at `now`; false when it is over a limit (and then it is not counted). */
  admit(now: number): boolean {
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - 60_000) this.stamps.shift();
    let lastSecond = 0;
    for (let i = this.stamps.length - 1; i >= 0 && (this.stamps[i] ?? 0) > now - 1000; i--) lastSecond++;
    if (lastSecond >= this.limits.perSecond || this.stamps.length >= this.limits.perMinute) {
      this.throttled++;
      return false;
    }
    this.stamps.push(now);
    return true;
  }
}
