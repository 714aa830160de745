import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { terminalProgress } from '../../../adapters/quickbooks/progress';
import { anInvoice } from './builders';
import { startConnected, type Connected } from './connected';
import { queriesSent } from './harness';

let c: Connected | undefined;
afterEach(() => c?.close());

function fakeStderr(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text(): string };
  let text = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, text: () => text });
  return stream;
}

describe('the first backfill in a terminal', () => {
  it('shows a progress bar counting rows toward the company total', async () => {
    c = await startConnected({ Invoice: Array.from({ length: 1_500 }, (_, i) => anInvoice({ Id: String(i + 1) })) });
    const stderr = fakeStderr(true);
    await c.source({ progress: () => terminalProgress(stderr) }).read({ now: new Date() });
    expect(stderr.text()).toMatch(/QuickBooks backfill \[.*\] 100% · 1500\/1500 rows/);
    expect(queriesSent(c.h.sandbox)).toContain('select count(*) from invoice startposition 1 maxresults 1000');
  });

  it('stays silent when stderr is a file or a pipe', () => {
    expect(terminalProgress(fakeStderr(false))).toBeUndefined();
  });
});
