// The resumable send both chat digests use, against a channel kept in memory: what a person would
// see in the channel after an attempt, a lost answer, a retry or a deletion by hand.
import { describe, expect, it } from 'vitest';
import { sendResumable, type DigestThreadOps } from '../../src/digest/send-resumable';
import type { DigestAttempt, DigestSteps } from '../../src/ports/digest-sender';

const PARTS = ['reply-1', 'reply-2', 'chart'];

/** A channel of digest threads; `failOn` makes one post throw after (`lost`) or before (`refused`) it lands. */
function aChannel() {
  const threads = new Map<string, string[]>();
  let next = 1;
  let fault: { on: string; kind: 'lost' | 'refused' } | null = null;
  const post = (what: string, land: () => void) => {
    const f = fault?.on === what ? fault : null;
    if (f) fault = null;
    if (f?.kind === 'refused') throw new Error(`${what} refused`);
    land();
    if (f?.kind === 'lost') throw new Error(`${what} answer lost`);
  };
  const ops: DigestThreadOps = {
    findMain: async () => [...threads.keys()][0] ?? null,
    landed: async (mainRef) => (threads.has(mainRef) ? new Set(threads.get(mainRef)) : 'gone'),
    postMain: async () => {
      const ref = `m${next++}`;
      post('main', () => threads.set(ref, []));
      return ref;
    },
    postPart: async (mainRef, part) => post(part, () => threads.get(mainRef)!.push(part)),
  };
  return { ops, threads, failOn: (on: string, kind: 'lost' | 'refused') => (fault = { on, kind }) };
}

function anAttempt(recorded: DigestSteps | null = null, fresh = false) {
  const attempt: DigestAttempt & { steps: DigestSteps | null } = {
    fresh,
    recorded,
    steps: recorded,
    record: async (s) => void (attempt.steps = s),
  };
  return attempt;
}

const retry = (a: ReturnType<typeof anAttempt>) => anAttempt(a.steps);

describe('the resumable digest send', () => {
  it('posts the main message and every part once, recording each step', async () => {
    const channel = aChannel();
    const attempt = anAttempt();
    await sendResumable(channel.ops, PARTS, attempt);
    expect([...channel.threads]).toEqual([['m1', PARTS]]);
    expect(attempt.steps).toEqual({ mainRef: 'm1', done: PARTS });
  });

  it('continues after a refused part without posting anything twice', async () => {
    const channel = aChannel();
    channel.failOn('reply-2', 'refused');
    const first = anAttempt();
    await expect(sendResumable(channel.ops, PARTS, first)).rejects.toThrow('reply-2 refused');
    await sendResumable(channel.ops, PARTS, retry(first));
    expect([...channel.threads]).toEqual([['m1', PARTS]]);
  });

  it('finds a part whose answer was lost in the thread instead of posting it again', async () => {
    const channel = aChannel();
    channel.failOn('reply-1', 'lost');
    const first = anAttempt();
    await expect(sendResumable(channel.ops, PARTS, first)).rejects.toThrow('lost');
    await sendResumable(channel.ops, PARTS, retry(first));
    expect([...channel.threads]).toEqual([['m1', PARTS]]);
  });

  it('finds a main message whose answer was lost, with nothing recorded, and finishes it', async () => {
    const channel = aChannel();
    channel.failOn('main', 'lost');
    await expect(sendResumable(channel.ops, PARTS, anAttempt())).rejects.toThrow('lost');
    await sendResumable(channel.ops, PARTS, anAttempt());
    expect([...channel.threads]).toEqual([['m1', PARTS]]);
  });

  it('posts the digest again, whole, when its main message was deleted by hand since the last attempt', async () => {
    const channel = aChannel();
    channel.failOn('chart', 'refused');
    const first = anAttempt();
    await expect(sendResumable(channel.ops, PARTS, first)).rejects.toThrow('refused');
    channel.threads.delete('m1');
    const second = retry(first);
    await sendResumable(channel.ops, PARTS, second);
    expect([...channel.threads]).toEqual([['m2', PARTS]]);
    expect(second.steps).toEqual({ mainRef: 'm2', done: PARTS });
  });

  it('posts a new digest when asked again, leaving the earlier one as it is', async () => {
    const channel = aChannel();
    const first = anAttempt();
    await sendResumable(channel.ops, PARTS, first);
    await sendResumable(channel.ops, PARTS, anAttempt(null, true));
    expect([...channel.threads]).toEqual([
      ['m1', PARTS],
      ['m2', PARTS],
    ]);
  });
});
