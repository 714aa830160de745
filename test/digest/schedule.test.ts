// The weekly schedule: Monday 08:00 on the company's clock, through both DST changes, computed by
// node-cron itself from a controlled clock (no waiting). And the digest's config.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDigestTask, digestChannelNames } from '../../src/app/digest';
import { configSchema } from '../../src/config/schema';
import { parseConfig } from '../../src/config/parse';

const CHICAGO = 'America/Chicago';
const localTime = (d: Date, zone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

afterEach(() => {
  vi.useRealTimers();
});

function nextRuns(expression: string, zone: string, from: string, count: number): Date[] {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(from));
  return createDigestTask(expression, zone, async () => undefined).getNextRuns(count);
}

describe('the weekly digest schedule', () => {
  it('fires Mondays at 08:00 Chicago time on both sides of the spring change (8 March 2026)', () => {
    const runs = nextRuns('0 8 * * 1', CHICAGO, '2026-02-25T12:00:00Z', 3);
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z', '2026-03-16T13:00:00.000Z']);
    for (const d of runs) expect(localTime(d, CHICAGO)).toBe('Mon 08:00');
  });

  it('fires Mondays at 08:00 Chicago time on both sides of the autumn change (1 November 2026)', () => {
    const runs = nextRuns('0 8 * * 1', CHICAGO, '2026-10-21T12:00:00Z', 3);
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z', '2026-11-09T14:00:00.000Z']);
    for (const d of runs) expect(localTime(d, CHICAGO)).toBe('Mon 08:00');
  });

  it('follows a configured schedule and zone: Fridays 17:30 in Berlin across its March change', () => {
    const runs = nextRuns('30 17 * * 5', 'Europe/Berlin', '2026-03-18T00:00:00Z', 2);
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-03-20T16:30:00.000Z', '2026-03-27T16:30:00.000Z']);
    const after = nextRuns('30 17 * * 5', 'Europe/Berlin', '2026-03-28T00:00:00Z', 1);
    expect(after.map((d) => d.toISOString())).toEqual(['2026-04-03T15:30:00.000Z']);
  });

  it('does not fire on other days or hours', () => {
    const task = createDigestTask('0 8 * * 1', CHICAGO, async () => undefined);
    expect(task.match(new Date('2026-03-09T13:00:00Z'))).toBe(true);
    expect(task.match(new Date('2026-03-09T14:00:00Z'))).toBe(false);
    expect(task.match(new Date('2026-03-10T13:00:00Z'))).toBe(false);
  });

  it('refuses a schedule that is not a cron expression, saying what one looks like', () => {
    expect(() => createDigestTask('every monday', CHICAGO, async () => undefined)).toThrow(
      /digest\.schedule "every monday" is not a cron expression — e\.g\. "0 8 \* \* 1"/,
    );
  });
});

describe('the digest settings', () => {
  const base = { sources: [{ id: 'qb', type: 'quickbooks' }] };

  it('defaults to Mondays 08:00, 15 minutes a correction, and the console channels', () => {
    const config = configSchema.parse(base);
    expect(config.digest).toEqual({
      schedule: '0 8 * * 1',
      minutes_per_correction: 15,
      integration_users: [],
      trust_below_percent: 97,
      cleanup_hours_over: 2,
    });
    expect(digestChannelNames(config)).toEqual(['console']);
  });

  it('takes leadership channels apart from the ops routes, and names an unknown one with the fix', () => {
    const config = configSchema.parse({
      ...base,
      channels: [
        { type: 'console', name: 'ops' },
        { type: 'console', name: 'leaders' },
      ],
      digest: { channels: ['leaders'] },
    });
    expect(digestChannelNames(config)).toEqual(['leaders']);
    const wrong = configSchema.parse({ ...base, digest: { channels: ['leadership'] } });
    expect(() => digestChannelNames(wrong)).toThrow(
      'digest.channels names "leadership", which is not a configured channel. Configured channels: console. Add it under channels: or remove it from digest.channels.',
    );
  });

  it('reports an unknown digest key with its file position', () => {
    const result = parseConfig('sources:\n  - id: qb\n    type: quickbooks\ndigest:\n  minutes_per_fix: 10\n', 'sync-sentinel.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: 'sync-sentinel.yaml', line: 5, col: 3 });
  });
});
