// The QuickBooks side's API budget, measured against the sandbox on 127.0.0.1 with QuickBooks' own
// limits enforced (10 requests a second, 500 a minute): a 100k-invoice first backfill, a quiet
// steady-state poll, and an incremental poll with 100k stored and 1k changed (999: one change-data-
// capture answer; 1,000: a saturated answer that has to be split).
// Usage: node --import tsx bench/qbo.ts [invoices] — prints progress on stderr and, last, one JSON
// line {"table": "<markdown>"}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectQuickbooks, followRedirects } from '../adapters/quickbooks/connect';
import { createOAuthApp } from '../adapters/quickbooks/oauth';
import { createQuickbooksSource } from '../adapters/quickbooks/source';
import { createTokenManager } from '../adapters/quickbooks/token-manager';
import { startQuickbooksSandbox, writeSandboxData } from '../adapters/quickbooks-sandbox/server';
import { openSqliteStorage } from '../adapters/storage/sqlite-storage';
import type { SourcePort } from '../src/ports/source';

const INVOICES = Number(process.argv[2] ?? 100_000);
const REALM = '9130350000000777';
const COMPANY = 'bench';
const say = (m: string) => process.stderr.write(`[bench qbo] ${m}\n`);

function invoice(i: number, updatedAt: string, syncToken = '0'): Record<string, unknown> {
  const amount = 100 + (i % 900);
  return {
    Id: String(i),
    SyncToken: syncToken,
    domain: 'QBO',
    DocNumber: `INV-${i}`,
    TxnDate: '2026-10-01',
    CustomerRef: { value: String(1 + (i % 500)), name: `Customer ${1 + (i % 500)}` },
    Line: [
      {
        Amount: amount,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' }, Qty: 1, TaxCodeRef: { value: 'NON' } },
      },
    ],
    TotalAmt: amount,
    Balance: amount,
    PrivateNote: `FieldPro invoice FP-${i}`,
    MetaData: { CreateTime: '2026-10-01T09:00:00-05:00', LastUpdatedTime: updatedAt },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-qbo-'));
const dataDir = join(dir, 'qbo');
const longAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
const base = Array.from({ length: INVOICES }, (_, i) => invoice(i + 1, longAgo));
await writeSandboxData(dataDir, { Invoice: base, CompanyInfo: { Id: REALM, CompanyName: 'Bench Co' } });
const sandbox = await startQuickbooksSandbox({
  dataDir,
  realmId: REALM,
  accessToken: 'bench-initial',
  limits: { perSecond: 10, perMinute: 500 },
});
const storage = openSqliteStorage(join(dir, 'sentinel.db'));
const vault = storage.qboVault(COMPANY, Buffer.alloc(32, 3));
const { store } = storage;
const app = createOAuthApp({
  clientId: 'bench',
  clientSecret: 'bench-secret',
  authorizeUrl: sandbox.authorizeUrl,
  tokenUrl: sandbox.tokenUrl,
  timeoutMs: 30_000,
});
await connectQuickbooks({
  app,
  store: vault,
  baseUrl: sandbox.baseUrl,
  minorVersion: 75,
  timeoutMs: 30_000,
  clientId: 'bench',
  clientSecret: 'bench-secret',
  port: 0,
  open: followRedirects,
});

const source: SourcePort = createQuickbooksSource({
  id: 'quickbooks',
  realmId: REALM,
  baseUrl: sandbox.baseUrl,
  minorVersion: 75,
  timeoutMs: 60_000,
  clientId: 'bench',
  clientSecret: 'bench-secret',
  tokens: createTokenManager({ realmId: REALM, store: vault, refresh: (rt, now) => app.refresh(rt, now) }),
  webhooks: vault,
});

interface Row {
  what: string;
  requests: number;
  rows: number;
  readMs: number;
  applyMs: number;
  throttled: number;
}
const rows: Row[] = [];

async function poll(what: string): Promise<void> {
  const before = sandbox.requests.length;
  const throttled = sandbox.throttledCount();
  const cursor = (await store.loadSourceHealth(COMPANY))[0]?.cursor ?? undefined;
  const t0 = performance.now();
  const read = await source.read({ now: new Date(), ...(cursor ? { cursor } : {}) });
  const t1 = performance.now();
  await store.applySourceRead(COMPANY, 'quickbooks', 'quickbooks', read, new Date().toISOString());
  const t2 = performance.now();
  rows.push({
    what,
    requests: sandbox.requests.length - before,
    rows: read.records.length + (read.deleted?.length ?? 0),
    readMs: t1 - t0,
    applyMs: t2 - t1,
    throttled: sandbox.throttledCount() - throttled,
  });
  say(`${what}: ${read.summary}`);
}

async function change(count: number, round: number): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) base[(i * 97) % INVOICES] = invoice(((i * 97) % INVOICES) + 1, now, String(round));
  await writeSandboxData(dataDir, { Invoice: base });
}

say(`first backfill of ${INVOICES.toLocaleString('en-US')} invoices (limits enforced: 10/s, 500/min)…`);
await poll(`first backfill, ${INVOICES.toLocaleString('en-US')} invoices`);
await poll('steady-state poll, nothing changed');
await change(999, 1);
await poll(`incremental poll, ${INVOICES.toLocaleString('en-US')} stored, 999 changed`);
await change(1_000, 2);
await poll(`incremental poll, ${INVOICES.toLocaleString('en-US')} stored, 1,000 changed (saturated)`);
await poll('next poll, the same 1,000 still inside the 5-min overlap');
await poll('next poll again (still inside the overlap)');

await sandbox.close();
await storage.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`);
const table = [
  '| QuickBooks poll | requests | records in | read (wall) | store apply | 429s |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) => `| ${r.what} | ${r.requests} | ${r.rows.toLocaleString('en-US')} | ${fmt(r.readMs)} | ${fmt(r.applyMs)} | ${r.throttled} |`,
  ),
].join('\n');
process.stdout.write(`${JSON.stringify({ table })}\n`);
