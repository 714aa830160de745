// `npm run bench -- files`: a 1M-row invoice CSV export (≈117 MB) read by the files adapter, each way in
// a child of its own so its peak RSS is its own: `count` (the reader alone, records handed on and
// dropped) and `keep` (records collected, as a source read holds them for the store). Too slow for the
// default bench's budget, so it is a mode of its own. Rows: `npm run bench -- files 200000`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigInvoiceExport } from '../test/adapters/files/big/write-big-export';

interface Result {
  rows: number;
  records: number;
  ms: number;
  rssBefore: number;
  peakRss: number;
}

const count = (x: number) => x.toLocaleString('en-US');
const mb = (b: number) => `${count(Math.round(b / 2 ** 20))} MB`;

function readInChild(file: string, mode: 'count' | 'keep'): Promise<Result | { error: string }> {
  const script = fileURLToPath(new URL('../test/adapters/files/big/read-big-export.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', script, file, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  return new Promise((resolve) => {
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      resolve(code === 0 && last.startsWith('{') ? (JSON.parse(last) as Result) : { error: `exited ${code}` });
    });
  });
}

export async function filesBench(rows: number, say: (m: string) => void): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-files-'));
  try {
    const file = path.join(dir, 'invoices.csv');
    say(`files: writing a ${count(rows)}-row invoices CSV…`);
    writeBigInvoiceExport(file, rows);
    const lines = [
      '| read ' + `${count(rows)}-row CSV export (${mb(statSync(file).size)})` + ' | wall | peak RSS | RSS before | records |',
      '|---|---|---|---|---|',
    ];
    for (const mode of ['count', 'keep'] as const) {
      say(`files: reading it (${mode})…`);
      const r = await readInChild(file, mode);
      const what = mode === 'count' ? 'reader alone (records handed on, not kept)' : 'records kept, as a source read returns them';
      lines.push(
        'error' in r
          ? `| ${what} | failed: ${r.error} | | | |`
          : `| ${what} | ${(r.ms / 1000).toFixed(1)} s | ${mb(r.peakRss)} | ${mb(r.rssBefore)} | ${count(r.records)} |`,
      );
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
