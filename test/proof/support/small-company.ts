// A small company for the proof suites: a slice of the bundled demo (every sixth invoice with its
// job, customer and payments on both sides; without the card processor's export, which the demo
// leaves stale on purpose), so a poll takes a fraction of a second and a few hundred
// of them fit in a test run. Mutations flip seeded changes on and off between polls — a total edited
// in QuickBooks, a class removed, an invoice that never synced — so incidents open, grow, resolve
// and reopen the way they do in a real month.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import YAML from 'yaml';
import { DEFAULT_RULES } from '../../../src/app/paths';
import { DEMO_REALM } from '../../../src/app/demo-config';
import { generateDemo, type DemoData } from '../../../demo/generate';
import type { Rng } from './seeded';

type Row = Record<string, string>;
type Wire = Record<string, unknown> & { Id: string };

export interface SmallCompany {
  dir: string;
  /** Writes the files for the current set of active mutations. */
  write(): void;
  /** Turns one to three seeded mutations on or off, then writes. Returns what changed, for the log. */
  mutate(rng: Rng): string[];
  active(): string[];
}

interface Base {
  upstream: Record<string, { header: string[]; rows: Row[] }>;
  quickbooks: Record<string, Wire[] | unknown>;
}

const KEEP_EVERY = 6;

export interface SmallCompanyOptions {
  /** The demo generated once for many companies (generating it takes most of a second). */
  demo?: DemoData;
  /** Also a mutation that deletes an invoice from QuickBooks after it synced. */
  deletions?: boolean;
}

export function smallCompany(dir: string, now: Date, opts: SmallCompanyOptions = {}): SmallCompany {
  const demo = opts.demo ?? generateDemo({ now });
  const csv = (text: string) => {
    const rows = parse(text, { columns: true, skip_empty_lines: true }) as Row[];
    return { header: text.slice(0, text.indexOf('\n')).split(','), rows };
  };
  const inv = csv(demo.upstream['fieldpro/invoices.csv']!);
  const keptInvoices = inv.rows.filter((_, i) => i % KEEP_EVERY === 0);
  const numbers = new Set(keptInvoices.map((r) => r['number']));
  const upstreamIds = new Set(keptInvoices.map((r) => r['id']));
  const jobs = csv(demo.upstream['fieldpro/jobs.csv']!);
  const jobNumbers = new Set(keptInvoices.map((r) => r['job_number']));
  const pays = csv(demo.upstream['fieldpro/payments.csv']!);
  const cards = csv(demo.upstream['card-payments/payments.csv']!);
  const keptPays = pays.rows.filter((p) => numbers.has(p['invoice_number']));
  const keptCards = cards.rows.filter((p) => numbers.has(p['invoice_number']));
  const customers = csv(demo.upstream['fieldpro/customers.csv']!);
  const customerIds = new Set([...keptInvoices, ...keptPays, ...keptCards].map((r) => r['customer_id']));

  const q = demo.quickbooks as Record<string, Wire[]>;
  const qInvoices = q['Invoice.json']!.filter(
    (i) => numbers.has(String(i['DocNumber'])) || [...upstreamIds].some((id) => String(i['PrivateNote'] ?? '').includes(`invoice ${id} `)),
  );
  const qInvoiceIds = new Set(qInvoices.map((i) => i.Id));
  const linksTo = (p: Wire, ids: Set<string>) =>
    ((p['Line'] as Array<{ LinkedTxn?: Array<{ TxnId: string }> }>) ?? []).some((l) => (l.LinkedTxn ?? []).some((t) => ids.has(t.TxnId)));
  const qPayments = q['Payment.json']!.filter((p) => linksTo(p, qInvoiceIds));
  const qPaymentIds = new Set(qPayments.map((p) => p.Id));
  const qDeposits = q['Deposit.json']!.flatMap((d) => {
    const lines = (d['Line'] as Array<{ Amount: number; LinkedTxn?: Array<{ TxnId: string }> }>).filter((l) =>
      (l.LinkedTxn ?? []).some((t) => qPaymentIds.has(t.TxnId)),
    );
    if (lines.length === 0) return [];
    return [{ ...d, Line: lines, TotalAmt: Math.round(lines.reduce((s, l) => s + l.Amount, 0) * 100) / 100 }];
  });
  const qCustomerIds = new Set([...qInvoices, ...qPayments].map((r) => (r['CustomerRef'] as { value: string }).value));

  const base: Base = {
    upstream: {
      'fieldpro/invoices.csv': { header: inv.header, rows: keptInvoices },
      'fieldpro/jobs.csv': { header: jobs.header, rows: jobs.rows.filter((j) => jobNumbers.has(j['number'])) },
      'fieldpro/payments.csv': { header: pays.header, rows: keptPays },
      'fieldpro/customers.csv': { header: customers.header, rows: customers.rows.filter((c) => customerIds.has(c['id'])) },
    },
    quickbooks: {
      ...demo.quickbooks,
      'Invoice.json': qInvoices,
      'Payment.json': qPayments,
      'Deposit.json': qDeposits,
      'Customer.json': q['Customer.json']!.filter((c) => qCustomerIds.has(c.Id)),
    },
  };

  const mutations = mutationsOf(base, now, opts.deletions ?? false);
  const on = new Set<string>();

  const write = () => {
    const files = structuredClone(base);
    for (const m of mutations) if (on.has(m.name)) m.apply(files);
    for (const [rel, t] of Object.entries(files.upstream)) atomicWrite(path.join(dir, 'upstream', rel), toCsv(t.header, t.rows));
    for (const [name, value] of Object.entries(files.quickbooks))
      atomicWrite(path.join(dir, 'quickbooks', name), `${JSON.stringify(value, null, 2)}\n`);
  };

  return {
    dir,
    write,
    mutate(rng) {
      const changed: string[] = [];
      for (let n = rng.int(1, 3); n > 0; n--) {
        const m = rng.pick(mutations);
        if (on.has(m.name)) on.delete(m.name);
        else on.add(m.name);
        changed.push(`${on.has(m.name) ? '+' : '-'}${m.name}`);
      }
      write();
      return changed;
    },
    active: () => [...on].sort(),
  };
}

/** The config file: the small company's exports, its QuickBooks sandbox, one Slack channel. */
export function writeConfig(
  dir: string,
  opts: { channelId: string; sqlite: string; channels?: unknown[]; file?: string; quickbooks?: Record<string, unknown> },
): string {
  const file = path.join(dir, opts.file ?? 'sync-sentinel.yaml');
  writeFileSync(
    file,
    YAML.stringify({
      company: { id: 'proof', name: 'Proof Heating & Air', time_zone: 'America/Chicago' },
      storage: { sqlite: opts.sqlite },
      rules: [DEFAULT_RULES],
      sources: [
        { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' },
        opts.quickbooks ?? { id: 'quickbooks', type: 'quickbooks', realm_id: DEMO_REALM, sandbox_data: 'quickbooks' },
      ],
      matching: {
        invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
        payment: [{ by: 'private_note', pattern: '(?:FieldPro|Card) payment (?<id>\\S+)' }, { by: 'reference' }],
      },
      channels: opts.channels ?? [{ type: 'slack', name: 'ops', channel_id: opts.channelId, pace_seconds: 0 }],
      incidents: { notify_low: true },
    }),
  );
  return file;
}

interface Mutation {
  name: string;
  apply(files: Base): void;
}

/** Edits a person or a broken sync makes: each one a finding the shipped rules raise. */
function mutationsOf(base: Base, now: Date, deletions: boolean): Mutation[] {
  const qInvoices = base.quickbooks['Invoice.json'] as Wire[];
  const upstream = base.upstream['fieldpro/invoices.csv']!.rows;
  const list: Mutation[] = [];
  // Stamped when written, as QuickBooks does, so change data capture sees the edit.
  const touched = (i: Wire) => ({ ...(i['MetaData'] as object), LastUpdatedTime: new Date().toISOString().replace(/\.\d+Z$/, '-00:00') });
  // Spread over the slice so changes land in different locations and classes (different incidents).
  for (const k of [0, 3, 7, 11, 15, 19, 23]) {
    const id = qInvoices[k % qInvoices.length]!.Id;
    list.push({
      name: `qbo-total-${id}`,
      apply: (f) => edit(f, id, (i) => ({ ...i, TotalAmt: Math.round((Number(i['TotalAmt']) + 12.34) * 100) / 100, MetaData: touched(i) })),
    });
  }
  for (const k of [1, 5, 9, 13]) {
    const id = qInvoices[k % qInvoices.length]!.Id;
    list.push({
      name: `qbo-no-class-${id}`,
      apply: (f) =>
        edit(f, id, (i) => {
          const { ClassRef: _drop, ...rest } = i;
          return { ...rest, Id: i.Id, MetaData: touched(i) };
        }),
    });
  }
  for (const k of [2, 6, 10]) {
    const row = upstream[k % upstream.length]!;
    list.push({
      name: `unsynced-${row['number']}`,
      apply: (f) => {
        // A new invoice issued days ago that never reached QuickBooks.
        const issued = new Date(now.getTime() - (4 + k) * 86_400_000).toISOString();
        f.upstream['fieldpro/invoices.csv']!.rows.push({
          ...row,
          id: `9${row['id']}`,
          number: `9${row['number']}`,
          issued_at: issued,
          created_at: issued,
          updated_at: issued,
          date: issued.slice(0, 10),
          due_date: issued.slice(0, 10),
          sync_status: 'pending',
          sync_error: '',
        });
      },
    });
  }
  // An invoice deleted in QuickBooks after it synced: it goes missing there while the upstream still has it.
  for (const k of deletions ? [4, 17] : []) {
    const id = qInvoices[k % qInvoices.length]!.Id;
    list.push({
      name: `qbo-deleted-${id}`,
      apply: (f) => {
        f.quickbooks['Invoice.json'] = (f.quickbooks['Invoice.json'] as Wire[]).filter((i) => i.Id !== id);
      },
    });
  }
  return list;
}

function edit(f: Base, id: string, change: (i: Wire) => Wire): void {
  const list = f.quickbooks['Invoice.json'] as Wire[];
  const at = list.findIndex((i) => i.Id === id);
  if (at >= 0) list[at] = change(list[at]!);
}

function toCsv(header: string[], rows: Row[]): string {
  const cell = (v: string | undefined) => (v === undefined ? '' : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${[header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n')}\n`;
}

function atomicWrite(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
