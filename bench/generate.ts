// Synthetic company at scale: N upstream and N QuickBooks invoices with their customers and payments,
// and 1% of each anomaly, identical for a given N and seed. Records look like what the service
// reconciles — the output of the store's loadRecords (JSON.parse of what the adapters produced): the
// adapters' keys minus undefined ones, a 40-hex hash and an origin per record, and flat strings
// (see flat()), so that memory figures are those of real records.
import type { CanonicalRecord, CustomerRecord, InvoiceLine, InvoiceRecord, PaymentRecord } from '../src/domain/records';
import { INVOICE_NOTE, NOW_MS, PAYMENT_NOTE, QBO_BASE } from './setup';

export const ANOMALIES = ['missing', 'orphan', 'dupNumber', 'total', 'tax', 'classMissing', 'balance', 'dupCustomer'] as const;
export type Anomaly = (typeof ANOMALIES)[number];
/** The invoice anomalies; duplicate customers are drawn over customers instead. */
const INVOICE_ANOMALIES = ANOMALIES.filter((a) => a !== 'dupCustomer');

export interface Dataset {
  records: CanonicalRecord[];
  injected: Record<Anomaly, number>;
}

const DAY = 86_400_000;
const CLASSES = ['Residential', 'Commercial', 'Service Agreement'];
const LOCATIONS = ['North Branch', 'South Branch', 'East Branch', 'West Branch'];
const ITEMS = [
  'AC Tune-Up',
  'Furnace Repair',
  'Drain Cleaning',
  'Panel Upgrade',
  'Service Call',
  'Filter Replacement',
  'Water Heater Flush',
];
const CITIES = ['Austin', 'Round Rock', 'Cedar Park', 'Pflugerville', 'Georgetown'];
const STREETS = ['Oak', 'Elm', 'Maple', 'Cedar', 'Pecan', 'Willow', 'Mesquite'];
// Consonant-vowel syllables: names built from them are pronounceable and far apart once random.
const SYLLABLES = ['ka', 'lo', 'mi', 're', 'tu', 'sa', 'vi', 'no', 'de', 'pa', 'zu', 'fe', 'go', 'hi', 'ju', 'be', 'wo', 'ry', 'ce', 'xa'];

/** sfc32: small, fast, seedable; Math.random cannot be seeded, and the data must be repeatable. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // the first outputs of a fresh state are poorly mixed
  return next;
}

export function generate(n: number, seed = 20261118): Dataset {
  const rand = prng(seed);
  const int = (below: number) => Math.floor(rand() * below);
  const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
  const hex8 = () => int(4294967296).toString(16).padStart(8, '0');
  // Each record gets its own hash string, as a loader's sha1 would give it.
  const hash = () => flat(hex8() + hex8() + hex8() + hex8() + hex8());
  const iso = (ms: number) => new Date(ms).toISOString();
  const word = (syllables: number) => {
    let w = '';
    for (let k = 0; k < syllables; k++) w += SYLLABLES[int(SYLLABLES.length)];
    return w[0]!.toUpperCase() + w.slice(1);
  };
  // Sync tools append the customer number to dodge QuickBooks' "Duplicate Name Exists"; it also keeps
  // names that sort next to each other (the fuzzy check's neighbours) far apart, so that only the
  // injected duplicates are found. Random syllables alone gave ~0.3% accidental near-twins.
  const personName = (account: number) => flat(`${word(2 + int(2))} ${word(3 + int(2))} (${account})`);

  const records: CanonicalRecord[] = [];
  const injected = Object.fromEntries(ANOMALIES.map((a) => [a, 0])) as Record<Anomaly, number>;
  let qbId = 1000; // QuickBooks ids are one counter of numeric strings
  const nextQbId = () => String(qbId++);

  // --- Customers: one per four invoices, on both sides, linked by the id the sync recorded ------------
  const customerCount = Math.max(10, Math.floor(n / 4));
  const dupCustomerAt = blockPositions(customerCount, 1, rand);
  const qbCustomerIds: string[] = [];
  const names: string[] = [];
  for (let c = 0; c < customerCount; c++) {
    const created = NOW_MS - 400 * DAY + int(300 * DAY);
    const name = personName(10_000 + c);
    const [given, family] = name.split(' ') as [string, string];
    const email = flat(`${given.toLowerCase()}.${family.toLowerCase()}${c}@example.com`);
    const phone = `+1512${String(2_000_000 + c).padStart(7, '0')}`;
    const line1 = flat(`${100 + int(9800)} ${pick(STREETS)} St`);
    const city = pick(CITIES);
    const postalCode = String(78700 + int(99));
    const qid = nextQbId();
    qbCustomerIds.push(qid);
    names.push(name);
    records.push({
      side: 'upstream',
      source: 'fsm',
      sourceId: `CUS-${c}`,
      updatedAt: iso(created),
      createdAt: iso(created),
      origin: { file: 'customers.csv', row: c + 2 },
      entity: 'customer',
      displayName: name,
      givenName: given,
      familyName: family,
      email,
      phone,
      address: { line1, city, region: 'TX', postalCode },
      externalId: qid,
      active: true,
      syncStatus: 'exported',
      hash: hash(),
    } satisfies CustomerRecord);
    const qbCustomer = (id: string, displayName: string, phoneNo: string, at: number): CustomerRecord => {
      const [g, f] = displayName.split(' ');
      return {
        entity: 'customer',
        side: 'quickbooks',
        source: 'quickbooks',
        sourceId: id,
        createdAt: iso(at),
        updatedAt: iso(at),
        origin: { url: flat(`${QBO_BASE}customer/${id}`) },
        displayName,
        givenName: g,
        familyName: f,
        email,
        phone: phoneNo,
        address: { line1, city, region: 'TX', postalCode },
        active: true,
        balanceCents: 0,
        hash: hash(),
      };
    };
    records.push(qbCustomer(qid, name, phone, created + 600_000));
    if (dupCustomerAt.has(c)) {
      // Typed in again by hand under a new account number: two letters of the surname transposed, a
      // new phone, the same e-mail and address (a shared e-mail alone would not make a duplicate).
      const swapped = family.slice(0, 1) + family[2]! + family[1]! + family.slice(3);
      records.push(
        qbCustomer(
          nextQbId(),
          flat(`${given} ${swapped} (${10_000 + customerCount + c})`),
          `+1737${String(2_000_000 + c).padStart(7, '0')}`,
          created + 30 * DAY,
        ),
      );
      injected.dupCustomer++;
    }
  }

  // --- Invoices, their QuickBooks twins and payments ----------------------------------------------
  const anomalyAt = blockPositions(n, INVOICE_ANOMALIES.length, rand);
  for (let i = 0; i < n; i++) {
    const kind = anomalyAt.has(i) ? INVOICE_ANOMALIES[anomalyAt.get(i)!]! : undefined;
    const c = int(customerCount);
    const lines: InvoiceLine[] = [];
    for (let k = 1 + int(3); k > 0; k--) lines.push({ item: pick(ITEMS), amountCents: 5_000 + int(150_000) });
    const subtotal = lines.reduce((s, l) => s + l.amountCents, 0);
    const tax = Math.round(subtotal * 0.0825);
    const total = subtotal + tax;
    // Every invoice is at least four days old: past every grace period, so only anomalies show.
    const issued = NOW_MS - 4 * DAY - int(60 * DAY);
    const synced = issued + 60_000 + int(3_600_000);
    const paid = kind === 'balance' || (kind !== 'missing' && rand() < 0.6);
    const id = `INV-${i}`;
    const number = String(100_000 + i);
    const className = pick(CLASSES);
    const location = pick(LOCATIONS);
    const txnDate = iso(issued).slice(0, 10);
    const dueDate = iso(issued + 30 * DAY).slice(0, 10);
    records.push({
      side: 'upstream',
      source: 'fsm',
      sourceId: id,
      updatedAt: iso(issued),
      createdAt: iso(issued),
      origin: { file: 'invoices.csv', row: i + 2 },
      entity: 'invoice',
      number,
      customerId: `CUS-${c}`,
      customerName: names[c],
      txnDate,
      dueDate,
      issuedAt: iso(issued),
      totalCents: total,
      taxCents: tax,
      balanceCents: paid ? 0 : total,
      status: paid ? 'paid' : 'open',
      className,
      location,
      lines,
      syncStatus: 'exported',
      hash: hash(),
    } satisfies InvoiceRecord);
    if (kind === 'missing') {
      injected.missing++;
      continue; // never reached QuickBooks (and, being unpaid, has no payment either)
    }
    const qbInvoice = (
      qid: string,
      docNumber: string,
      customer: number,
      cents: number,
      taxCents: number,
      balance: number,
      note: string | undefined,
      at: number,
      cls: string | null = className,
    ): InvoiceRecord => ({
      entity: 'invoice',
      side: 'quickbooks',
      source: 'quickbooks',
      sourceId: qid,
      createdAt: iso(at),
      updatedAt: iso(at),
      origin: { url: flat(`${QBO_BASE}invoice/${qid}`) },
      number: docNumber,
      customerId: qbCustomerIds[customer],
      customerName: names[customer],
      txnDate,
      dueDate,
      issuedAt: iso(at),
      totalCents: cents,
      taxCents,
      balanceCents: balance,
      status: balance === 0 && cents > 0 ? 'paid' : 'open',
      ...(cls === null ? {} : { className: cls }),
      location,
      lines: lines.map((l) => ({ item: l.item, amountCents: l.amountCents, qty: 1, taxable: true })),
      ...(note === undefined ? {} : { privateNote: note }),
      hash: hash(),
    });
    const qid = nextQbId();
    let qbTotal = total;
    let qbTax = tax;
    if (kind === 'total') qbTotal += 1_000 + int(50_000); // edited after export
    if (kind === 'tax') {
      qbTax += 1; // per-line vs per-invoice rounding
      qbTotal += 1;
    }
    const qbBalance = paid && kind !== 'balance' ? 0 : qbTotal;
    // classMissing: the sync found no class for the business unit and sent none.
    records.push(
      qbInvoice(
        qid,
        number,
        c,
        qbTotal,
        qbTax,
        qbBalance,
        flat(`${INVOICE_NOTE} ${id}`),
        synced,
        kind === 'classMissing' ? null : className,
      ),
    );
    if (kind === 'orphan') {
      // Typed into QuickBooks by hand: its own number, no note from the sync.
      records.push(
        qbInvoice(nextQbId(), `M-${i}`, int(customerCount), 10_000 + int(90_000), 0, 0, undefined, NOW_MS - 2 * DAY - int(20 * DAY)),
      );
    }
    if (kind === 'dupNumber') {
      // Hand-made invoice that took a number the field-service tool also issued.
      const cents = 10_000 + int(90_000);
      records.push(qbInvoice(nextQbId(), number, int(customerCount), cents, 0, cents, undefined, NOW_MS - 2 * DAY - int(20 * DAY)));
    }
    if (kind && kind !== 'balance') injected[kind]++;
    if (!paid) continue;

    const received = issued + int(DAY);
    const reference = flat(`ch_${hex8()}${hex8()}`);
    records.push({
      side: 'upstream',
      source: 'fsm',
      sourceId: `PAY-${i}`,
      updatedAt: iso(received),
      createdAt: iso(received),
      origin: { file: 'payments.csv', row: i + 2 },
      entity: 'payment',
      reference,
      customerId: `CUS-${c}`,
      customerName: names[c],
      date: iso(received).slice(0, 10),
      receivedAt: iso(received),
      amountCents: total,
      appliedTo: [{ invoiceId: id, invoiceNumber: number, amountCents: total }],
      method: 'card',
      hash: hash(),
    } satisfies PaymentRecord);
    const pid = nextQbId();
    const qbReceived = received + 60_000 + int(3_600_000);
    // The balance anomaly: paid upstream, the payment reached QuickBooks but was never applied.
    const unapplied = kind === 'balance';
    records.push({
      entity: 'payment',
      side: 'quickbooks',
      source: 'quickbooks',
      sourceId: pid,
      createdAt: iso(qbReceived),
      updatedAt: iso(qbReceived),
      origin: { url: flat(`${QBO_BASE}payment/${pid}`) },
      reference,
      customerId: qbCustomerIds[c],
      customerName: names[c],
      date: iso(qbReceived).slice(0, 10),
      receivedAt: iso(qbReceived),
      amountCents: total,
      unappliedCents: unapplied ? total : 0,
      appliedTo: unapplied ? [] : [{ invoiceId: qid, amountCents: total }],
      method: 'Visa',
      depositAccount: 'Checking',
      privateNote: flat(`${PAYMENT_NOTE} PAY-${i}`),
      hash: hash(),
    } satisfies PaymentRecord);
    if (unapplied) injected.balance++;
  }
  return { records, injected };
}

/**
 * Concatenation makes rope (cons) strings, about four times the size of the flat strings a loader
 * produces (JSON.parse, CSV parsing, a digest). Reading a character makes V8 flatten the string in
 * place, and the garbage collector then drops the rope.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

/**
 * For each block of 100 indexes, `perBlock` distinct random positions, numbered 0..perBlock-1:
 * exactly 1% of each kind, spread at random rather than on a fixed stride.
 */
function blockPositions(count: number, perBlock: number, rand: () => number): Map<number, number> {
  const at = new Map<number, number>();
  const slots = Array.from({ length: 100 }, (_, k) => k);
  for (let start = 0; start < count; start += 100) {
    for (let k = 0; k < perBlock; k++) {
      const j = k + Math.floor(rand() * (100 - k)); // partial Fisher-Yates
      [slots[k], slots[j]] = [slots[j]!, slots[k]!];
      if (start + slots[k]! < count) at.set(start + slots[k]!, k);
    }
  }
  return at;
}
