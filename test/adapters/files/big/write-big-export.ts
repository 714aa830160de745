// A large invoice export written to disk a batch of rows at a time, so making it never needs the
// whole text in memory (about 120 bytes a row: 1M rows ≈ 120 MB).
import { openSync, writeSync, closeSync } from 'node:fs';

export const BIG_HEADER =
  'id,number,job_number,customer_id,customer_name,date,issued_at,total,tax,balance,status,class,location,business_unit,lines';

export function writeBigInvoiceExport(file: string, rows: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${BIG_HEADER}\n`);
    const batch: string[] = [];
    for (let i = 0; i < rows; i++) {
      const id = 1_000_000 + i;
      const cents = 1000 + (i % 90_000);
      batch.push(
        `${id},INV-${id},J-${id},C-${i % 5000},Customer ${i % 5000},2026-11-02,2026-11-02 09:30,${(cents / 100).toFixed(2)},0,,open,Residential,North,HVAC,`,
      );
      if (batch.length === 10_000 || i === rows - 1) {
        writeSync(fd, `${batch.join('\n')}\n`);
        batch.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
}
