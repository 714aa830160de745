import { describe, expect, it } from 'vitest';
import { parseStatusQuery } from '../../src/commands/status-query';

describe('what people type after sync-status', () => {
  it('reads nothing as the overall status, kept private', () => {
    expect(parseStatusQuery('')).toEqual({ kind: 'status', filters: {}, public: false });
    expect(parseStatusQuery('   ')).toEqual({ kind: 'status', filters: {}, public: false });
  });

  it('reads bare severities, record kinds and places as filters, in any order', () => {
    expect(parseStatusQuery('high invoices Salt Lake')).toEqual({
      kind: 'status',
      filters: { severity: 'high', entity: 'invoice', location: 'Salt Lake' },
      public: false,
    });
    expect(parseStatusQuery('Payments CRITICAL')).toEqual({
      kind: 'status',
      filters: { severity: 'critical', entity: 'payment' },
      public: false,
    });
  });

  it('reads key:value filters, and words after location: continue the place name', () => {
    expect(parseStatusQuery('severity:medium entity:jobs location:salt lake')).toEqual({
      kind: 'status',
      filters: { severity: 'medium', entity: 'job', location: 'salt lake' },
      public: false,
    });
    expect(parseStatusQuery('sev=low loc=Denver')).toEqual({
      kind: 'status',
      filters: { severity: 'low', location: 'Denver' },
      public: false,
    });
  });

  it('shares the answer in the channel when "public" appears anywhere', () => {
    expect(parseStatusQuery('public high')).toMatchObject({ kind: 'status', public: true, filters: { severity: 'high' } });
    expect(parseStatusQuery('trace 1043 public')).toEqual({ kind: 'trace', ref: '1043', public: true });
    expect(parseStatusQuery('close PUBLIC')).toEqual({ kind: 'close', public: true });
  });

  it('understands trace, close and help', () => {
    expect(parseStatusQuery('trace #1043')).toEqual({ kind: 'trace', ref: '#1043', public: false });
    expect(parseStatusQuery('Trace J-2291')).toEqual({ kind: 'trace', ref: 'J-2291', public: false });
    expect(parseStatusQuery('close')).toEqual({ kind: 'close', public: false });
    expect(parseStatusQuery('help')).toEqual({ kind: 'help' });
    expect(parseStatusQuery('?')).toEqual({ kind: 'help' });
  });

  it('explains what is wrong with input it cannot use, suggesting the nearest word', () => {
    const cases: Array<[string, RegExp]> = [
      ['trace', /`trace` needs a job number, invoice number, payment reference or record id/],
      ['close now', /`close` takes nothing after it/],
      ['trce', /did you mean `trace`/],
      ['hihg', /did you mean `high`/],
      ['severity:urgent', /"urgent" is not a severity — use critical, high, medium or low/],
      ['entity:invoce', /did you mean `invoice`/],
      ['sevrity:high', /"sevrity" is not a filter — did you mean `severity:`/],
      ['location:', /`location:` needs a value/],
    ];
    for (const [text, message] of cases) {
      const q = parseStatusQuery(text);
      expect(q.kind, text).toBe('unknown');
      expect(q.kind === 'unknown' && q.message, text).toMatch(message);
    }
  });
});
