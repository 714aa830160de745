// What every source promises the poll cycle (src/ports/source.ts), run against each connector on its
// sandbox: a first read brings every record with its identity and content hash, a read from the cursor
// it handed back sees what changed since, and a read it cannot make is a typed error naming it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelError } from '../../src/domain/errors';
import type { SourcePort, SourceRead } from '../../src/ports/source';

export interface SourceUnderTest {
  source: SourcePort;
  /** Changes one invoice's total in the vendor; returns the invoice's sourceId. */
  changeAnInvoice(): Promise<string>;
  /** The same source with something a person must fix (a wrong key, a revoked connection, no folder). */
  broken(): Promise<SourcePort>;
  close(): Promise<void>;
}

const NOW = new Date();
const invoiceHash = (read: SourceRead, sourceId: string) =>
  read.records.find((r) => r.entity === 'invoice' && r.sourceId === sourceId)?.hash;

export function describeSourceContract(name: string, make: () => Promise<SourceUnderTest>): void {
  describe(`the ${name} source (source contract)`, () => {
    let vendor: SourceUnderTest;
    beforeEach(async () => {
      vendor = await make();
    });
    afterEach(() => vendor.close());

    it('brings every record on the first read, each once, with its source, side and content hash', async () => {
      const read = await vendor.source.read({ now: NOW });

      expect(read.mode).toBe('full');
      expect(read.records.some((r) => r.entity === 'invoice')).toBe(true);
      for (const r of read.records) {
        expect(r).toMatchObject({ side: vendor.source.side, sourceId: expect.any(String), hash: expect.any(String) });
        expect(r.sourceId).not.toBe('');
      }
      const keys = read.records.map((r) => `${r.entity}:${r.sourceId}`);
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('resumes from the cursor it handed back, and sees an invoice changed since', async () => {
      const first = await vendor.source.read({ now: NOW });
      const changed = await vendor.changeAnInvoice();

      const second = await vendor.source.read({ now: new Date(NOW.getTime() + 60_000), ...(first.cursor ? { cursor: first.cursor } : {}) });

      expect(invoiceHash(second, changed)).toBeDefined();
      expect(invoiceHash(second, changed)).not.toBe(invoiceHash(first, changed));
      // An incremental read brings only what changed, unless it says it read the whole list (no updated-since filter).
      if (second.mode === 'incremental' && !second.complete?.includes('invoice'))
        expect(second.records.filter((r) => r.entity === 'invoice').map((r) => r.sourceId)).toEqual([changed]);
    });

    it('fails a read it cannot make with a typed error that says what to fix, not a crash', async () => {
      const broken = await vendor.broken();

      const failure = await broken.read({ now: NOW }).then(
        () => null,
        (err: unknown) => err,
      );

      expect(failure).toBeInstanceOf(SentinelError);
      expect((failure as SentinelError).code).toMatch(/^[a-z_]+(\.[a-z0-9_]+)+$/);
      expect((failure as SentinelError).message.length).toBeGreaterThan(20);
    });
  });
}
