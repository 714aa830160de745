// /sync-status text as people type it (and as they mistype it): the parser always answers, and the
// real Slack app — signed requests through Bolt's HTTP receiver into the command layer and the store —
// acknowledges every one and posts an answer, never an error page.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStatusQuery } from '../../../src/commands/status-query';
import { slackAppWorld, type AppWorld } from '../../adapters/slack/app-world';
import { settled, slashBody } from '../../adapters/slack/requests';
import { anyText, nasty, runs, FUZZ_TIMEOUT_MS } from './arbitraries';

const WORDS = [
  'help',
  '?',
  'trace',
  'close',
  'public',
  'high',
  'critical',
  'low',
  'invoices',
  'payments',
  'severity:',
  'entity:',
  'location:',
  'location=',
  'denver',
  'salt lake',
  '#12',
  '1043',
  'J-5001',
];
const typed = fc.oneof(
  anyText,
  fc.array(fc.oneof(fc.constantFrom(...WORDS), nasty), { maxLength: 8 }).map((a) => a.join(' ')),
);

let app: AppWorld;
beforeAll(async () => {
  app = await slackAppWorld([], { now: new Date() });
});
afterAll(() => app.close());

describe('fuzzing /sync-status', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('parses any text into an answer kind, with a sentence when it cannot', () => {
    fc.assert(
      fc.property(typed, (text) => {
        const q = parseStatusQuery(text);
        expect(['status', 'trace', 'close', 'help', 'unknown']).toContain(q.kind);
        if (q.kind === 'unknown') expect(q.message.length).toBeGreaterThan(10);
      }),
      runs(5_000),
    );
  });

  it('answers every signed slash command through the real Slack app', async () => {
    await fc.assert(
      fc.asyncProperty(typed, async (text) => {
        const before = app.world.fake.responses.length;
        const res = await app.post(slashBody(app.world.fake, text));
        expect(res.status).toBe(200);
        await settled(() => app.world.fake.responses.length > before);
        const answer = app.world.fake.responses[before]?.body;
        expect(typeof answer?.['text']).toBe('string');
        expect(String(answer?.['text']).length).toBeGreaterThan(0);
      }),
      runs(150),
    );
  });
});
