// The scale-out proof's measure of "polled every slot": the first poll at or after each slot, per company.
import { describe, expect, it } from 'vitest';
import { pollLag, slotsBetween } from './poll-lag';

const at = (s: number) => Date.parse('2026-12-07T12:00:00Z') + s * 1000;
const run = (companyId: string, s: number, ok = true) => ({ companyId, startedAt: at(s), ok });

describe('poll lag', () => {
  it('places slots on the interval grid between the two instants', () => {
    expect(slotsBetween(at(3), at(40), 10_000)).toEqual([at(10), at(20), at(30)]);
  });

  it('reports the latest start after a slot as the worst lag', () => {
    const report = pollLag(['a', 'b'], [run('a', 1), run('b', 4), run('a', 12), run('b', 17)], [at(0), at(10)], 15_000, at(60));
    expect(report).toMatchObject({ slots: 2, polls: 4, worstLagMs: 7_000, late: [] });
    expect(report.worst).toEqual({ companyId: 'b', slot: new Date(at(10)).toISOString() });
  });

  it('names a slot whose poll started later than the stated lag, and a company never polled after a slot', () => {
    const report = pollLag(['a', 'b'], [run('a', 1), run('b', 2), run('a', 29, false)], [at(0), at(10)], 15_000, at(60));
    expect(report.late).toEqual(['a slot 2026-12-07T12:00:10.000Z: polled 19.0 s late', 'b slot 2026-12-07T12:00:10.000Z: never polled']);
    expect(report.failedPolls).toBe(1);
    expect(report.worstLagMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('leaves out a slot not polled yet when the run stopped before the stated lag had passed', () => {
    const report = pollLag(['a'], [run('a', 1), run('a', 11)], [at(0), at(10), at(20)], 15_000, at(30));
    expect(report).toMatchObject({ unjudged: 1, late: [], worstLagMs: 1_000 });
  });
});
