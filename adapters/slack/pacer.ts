// Slack allows about one post a second per channel; a 429 pauses the channel for Retry-After.
// The pacer spaces calls per channel and, while a channel is paused, says so at once instead of
// calling Slack again, so the delivery worker moves on and retries later.

export interface Pacer {
  /** Waits for the channel's next slot; returns the seconds still to wait when paused instead. */
  take(channel: string): Promise<{ pausedForSeconds: number } | null>;
  pause(channel: string, seconds: number): void;
}

export function createPacer(opts: {
  intervalMs: (channel: string) => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): Pacer {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nextSlot = new Map<string, number>();
  const pausedUntil = new Map<string, number>();
  return {
    async take(channel) {
      const paused = (pausedUntil.get(channel) ?? 0) - now();
      if (paused > 0) return { pausedForSeconds: Math.ceil(paused / 1000) };
      const at = Math.max(now(), nextSlot.get(channel) ?? 0);
      nextSlot.set(channel, at + opts.intervalMs(channel));
      const wait = at - now();
      if (wait > 0) await sleep(wait);
      return null;
    },
    pause(channel, seconds) {
      pausedUntil.set(channel, now() + seconds * 1000);
    },
  };
}
