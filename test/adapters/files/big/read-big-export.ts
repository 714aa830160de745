// Child process: reads one invoice export through the files adapter and prints what it took and what
// it cost as one JSON line. `count` hands each record to a counter (the reader's own memory: no
// records kept); `keep` collects them as a source read does. Run under a heap cap
// (`--max-old-space-size`), `count` proves the reader's memory is bounded: a reader holding the raw
// text, or all the parsed rows, of a 1M-row export does not fit.
// Usage: node --max-old-space-size=N --import tsx read-big-export.ts <file> [count|keep]
import path from 'node:path';
import { columnsFor } from '../../../../adapters/files/columns';
import { readExport, streamExport, type ExportSpec } from '../../../../adapters/files/read-export';

const [file, mode = 'count'] = process.argv.slice(2);
if (!file) throw new TypeError('usage: read-big-export.ts <file> [count|keep]');
const spec: ExportSpec = {
  source: 'bench',
  entity: 'invoices',
  path: file,
  file: path.basename(file),
  columns: columnsFor({ preset: 'generic', columns: {} }, 'invoices'),
  zone: 'America/Chicago',
  defaultCountry: 'US',
};
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
let records = 0;
const got = mode === 'keep' ? await readExport(spec) : await streamExport(spec, () => void records++);
const ms = performance.now() - started;
if (mode === 'keep') records = (got as Awaited<ReturnType<typeof readExport>>).records.length;
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({ mode, rows: got.rows, records, problems: got.problems.length, refused: got.refused, ms: Math.round(ms), rssBefore, peakRss })}\n`,
);
