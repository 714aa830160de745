import { describe, expect, it } from 'vitest';
import { createPollQueue } from '../../src/app/poll-queue';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 18, 15, minute));

/** A queue whose polls finish only when the test says so, recording what started and how many ran at once. */
function heldQueue(maxConcurrent: number) {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  let running = 0;
  let most = 0;
  const queue = createPollQueue({
    maxConcurrent,
    run: (companyId, slot) =>
      new Promise<void>((resolve) => {
        started.push(`${companyId}@${slot.getUTCMinutes()}`);
        most = Math.max(most, ++running);
        finish.set(companyId, () => {
          running--;
          resolve();
        });
      }),
  });
  const done = async (companyId: string) => {
    finish.get(companyId)!();
    await new Promise((r) => setImmediate(r));
  };
  return { queue, started, done, most: () => most };
}

describe('the polls of one process', () => {
  it('runs at most the configured number at once, the oldest waiting slot first', async () => {
    const q = heldQueue(2);
    q.queue.offer('acme', at(10));
    q.queue.offer('bravo', at(10));
    q.queue.offer('delta', at(15));
    q.queue.offer('charlie', at(5));
    expect(q.started).toEqual(['acme@10', 'bravo@10']);
    await q.done('bravo');
    expect(q.started).toEqual(['acme@10', 'bravo@10', 'charlie@5']);
    await q.done('acme');
    await q.done('charlie');
    await q.done('delta');
    expect(q.started).toEqual(['acme@10', 'bravo@10', 'charlie@5', 'delta@15']);
    expect(q.most()).toBe(2);
    await q.queue.idle();
  });

  it('keeps a waiting company’s older slot when its next tick comes, so a busy process never skips it', async () => {
    const q = heldQueue(1);
    q.queue.offer('acme', at(0));
    q.queue.offer('bravo', at(0));
    q.queue.offer('bravo', at(5));
    q.queue.offer('acme', at(5));
    await q.done('acme');
    // bravo waited since 15:00; acme's 15:05 tick is younger, so bravo goes first.
    expect(q.started).toEqual(['acme@0', 'bravo@0']);
    await q.done('bravo');
    expect(q.started).toEqual(['acme@0', 'bravo@0', 'acme@5']);
    await q.done('acme');
    await q.queue.idle();
  });
});
