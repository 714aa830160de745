// How a chat digest lands once, whatever happened to the last attempt: one main message and, in its
// thread, the parts that did not fit (`reply-1`, `reply-2`, …, the chart). The same steps on every
// chat platform; what differs (how a message is posted, how the channel is searched) comes in as a
// small DigestThreadOps, so this file does no I/O of its own.
//
// A retry continues from what the last attempt recorded; with no record it first looks for a main
// message whose answer was lost (or whose process stopped before recording it). Parts the record does
// not know of are looked for in the thread before anything is posted again. A main message deleted
// by hand since is posted again, whole, with all its parts.
import type { DigestAttempt, DigestSteps } from '../ports/digest-sender';

export interface DigestThreadOps {
  /** This week's main message posted by an earlier attempt that never recorded it; null when none is found or the chat cannot be read. */
  findMain(): Promise<string | null>;
  /** Which of `parts` are already in the thread under `mainRef` (those it can see), or `gone` when the main message was deleted. */
  landed(mainRef: string, parts: readonly string[]): Promise<ReadonlySet<string> | 'gone'>;
  /** Posts the main message; its reference (Slack ts, Teams activity id). */
  postMain(): Promise<string>;
  /** Posts one part into the thread under `mainRef`. */
  postPart(mainRef: string, part: string): Promise<void>;
}

/** Lands the main message and each of `parts`, in order, recording every step in `attempt` as soon as it is known. */
export async function sendResumable(ops: DigestThreadOps, parts: readonly string[], attempt: DigestAttempt): Promise<void> {
  let steps: DigestSteps | null = attempt.fresh ? null : attempt.recorded;
  if (!steps && !attempt.fresh) {
    const found = await ops.findMain();
    if (found) {
      steps = { mainRef: found, done: [] };
      await attempt.record(steps);
    }
  }

  let done = new Set(steps?.done ?? []);
  const record = (mainRef: string) => attempt.record({ mainRef, done: parts.filter((p) => done.has(p)) });
  const missing = parts.filter((p) => !done.has(p));
  if (steps && missing.length > 0) {
    const landed = await ops.landed(steps.mainRef, missing);
    if (landed === 'gone') {
      steps = null;
      done = new Set();
    } else if (missing.some((p) => landed.has(p))) {
      for (const p of missing) if (landed.has(p)) done.add(p);
      await record(steps.mainRef);
    }
  }

  if (!steps) {
    steps = { mainRef: await ops.postMain(), done: [] };
    await attempt.record(steps);
  }
  const mainRef = steps.mainRef;
  for (const part of parts) {
    if (done.has(part)) continue;
    await ops.postPart(mainRef, part);
    done.add(part);
    await record(mainRef);
  }
}
