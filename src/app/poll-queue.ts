// The polls one process runs: at most `maxConcurrent` companies at a time, the oldest waiting slot
// first so no company starves behind busier ones. A company waits at most once: a tick that comes
// while its earlier slot still waits is covered by that poll (it checks "polled since the slot").
export interface PollQueue {
  /** Asks for the company's poll of the slot that began at `slot`. */
  offer(companyId: string, slot: Date): void;
  /** Resolves when nothing waits and nothing runs. */
  idle(): Promise<void>;
  /** Takes no more offers; what runs finishes. */
  close(): Promise<void>;
}

export function createPollQueue(opts: { maxConcurrent: number; run: (companyId: string, slot: Date) => Promise<void> }): PollQueue {
  const waiting = new Map<string, Date>();
  const running = new Set<string>();
  let closed = false;
  let settled: Array<() => void> = [];

  const pump = () => {
    while (!closed && running.size < opts.maxConcurrent) {
      const next = oldestWaiting();
      if (!next) break;
      const [companyId, slot] = next;
      waiting.delete(companyId);
      running.add(companyId);
      void opts
        .run(companyId, slot)
        .catch(() => undefined)
        .finally(() => {
          running.delete(companyId);
          pump();
        });
    }
    if (running.size === 0 && (waiting.size === 0 || closed)) {
      const done = settled;
      settled = [];
      for (const resolve of done) resolve();
    }
  };

  // A company already polling is not started twice in this process; its next slot waits its turn.
  const oldestWaiting = (): [string, Date] | undefined => {
    let best: [string, Date] | undefined;
    for (const entry of waiting) if (!running.has(entry[0]) && (!best || entry[1] < best[1])) best = entry;
    return best;
  };

  return {
    offer(companyId, slot) {
      if (closed) return;
      const earlier = waiting.get(companyId);
      if (!earlier || slot < earlier) waiting.set(companyId, slot);
      pump();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        settled.push(resolve);
        pump();
      }),
    async close() {
      closed = true;
      waiting.clear();
      await new Promise<void>((resolve) => {
        settled.push(resolve);
        pump();
      });
    },
  };
}
