// duplicate: two or more records on one side that are the same thing — invoices and payments by
// exact key sets, by the upstream record they both carry (posted twice), or by near-identical names;
// customers by weighed evidence (duplicate-customers.ts).
import type { Finding } from '../domain/finding';
import type { InvoiceRecord, PaymentRecord, Side } from '../domain/records';
import { formatCents } from '../domain/money';
import type { RuleOf } from '../rules/schema';
import { recordKey } from '../trace/index-records';
import { StringIndex } from '../trace/string-index';
import { normalisedSimilarity, normaliseName } from '../trace/similarity';
import { refOf } from '../trace/trace';
import { findingFor, lower, type EvalContext } from './context';
import { DisjointSets } from './disjoint-sets';
import { customerDuplicates } from './duplicate-customers';

type Dupable = InvoiceRecord | PaymentRecord;
type Field = NonNullable<RuleOf<'duplicate'>['keys']>[number][number];

/** How many sorted neighbours each name is compared with. */
const FUZZY_WINDOW = 6;

export function evaluateDuplicate(rule: RuleOf<'duplicate'>, ctx: EvalContext): Finding[] {
  const sides: Side[] = rule.side === 'both' ? ['upstream', 'quickbooks'] : [rule.side];
  return sides.flatMap((side) => (rule.entity === 'customer' ? customerDuplicates(rule, ctx, side) : duplicatesOnSide(rule, ctx, side)));
}

function duplicatesOnSide(rule: RuleOf<'duplicate'>, ctx: EvalContext, side: Side): Finding[] {
  const s = ctx.recon.sides[side];
  const all: Dupable[] = rule.entity === 'invoice' ? s.invoices : s.payments;
  const records = all.filter((r) => (r.entity === 'invoice' ? r.status !== 'void' : true));
  const sets = new DisjointSets(records.length);

  // A QuickBooks record's upstream twin stands for its key text (source + id) when no two upstream
  // invoices share that text: no key string per record.
  const linkByRecord = rule.entity === 'invoice' && ctx.recon.upstreamInvoices.size === ctx.recon.sides.upstream.invoices.length;
  const keys = rule.keys ?? [];
  for (const fields of keys) {
    const seen = new Map<object, number>();
    const seenText = new StringIndex<number>();
    const single = fields.length === 1 ? fields[0]! : undefined;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      let key: string | object | undefined;
      if (single === 'link' && linkByRecord && r.entity === 'invoice') key = ctx.recon.upstreamByQbInvoice.get(r)?.record;
      else if (single !== undefined) key = fieldValue(ctx, r, single) || undefined;
      else key = compositeKey(ctx, r, fields);
      if (key === undefined) continue;
      const j = typeof key === 'string' ? seenText.get(key) : seen.get(key);
      if (j !== undefined) sets.union(i, j);
      else if (typeof key === 'string') seenText.set(key, i);
      else seen.set(key, i);
    }
  }
  if (rule.fuzzy) {
    // Sorted neighbourhood: near-identical names sort next to each other, so comparing each name
    // with the few after it finds them in O(n log n) instead of comparing every pair.
    const order = records.map((r, i) => ({ i, name: normaliseName(nameOf(r)) })).filter((x) => x.name !== '');
    order.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let a = 0; a < order.length; a++) {
      for (let b = a + 1; b < Math.min(order.length, a + 1 + FUZZY_WINDOW); b++) {
        const x = order[a]!.name;
        const y = order[b]!.name;
        // The edit distance is at least the difference in length: skip pairs too far apart for it.
        const longer = Math.max(x.length, y.length);
        if (1 - Math.abs(x.length - y.length) / longer < rule.fuzzy.threshold) continue;
        if (normalisedSimilarity(x, y) >= rule.fuzzy.threshold) sets.union(order[a]!.i, order[b]!.i);
      }
    }
  }
  const byLink = !keys.some((k) => k.includes('link'));
  return (
    sets
      .groups()
      .map((idx) => idx.map((i) => records[i]!))
      // One upstream record posted twice is the `link` rule's finding, not a number clash.
      .filter((group) => !byLink || new Set(group.map((r) => fieldValue(ctx, r, 'link') ?? r.sourceId)).size > 1)
      .map((group) => describeGroup(rule, ctx, group))
  );
}

function describeGroup(rule: RuleOf<'duplicate'>, ctx: EvalContext, group: Dupable[]): Finding {
  // The later record is the duplicate; the first one is presumed the original.
  const ordered = [...group].sort(
    (a, b) => (a.createdAt ?? a.updatedAt ?? '').localeCompare(b.createdAt ?? b.updatedAt ?? '') || a.sourceId.localeCompare(b.sourceId),
  );
  const subject = ordered[ordered.length - 1]!;
  const others = ordered.slice(0, -1);
  const first = others[0]!;
  const where = subject.side === 'quickbooks' ? 'in QuickBooks' : `in ${ctx.sourceNames.get(subject.source) ?? subject.source}`;
  const suffix = `|${ordered.map((r) => r.sourceId).join('+')}`;
  const money = (r: Dupable) => (r.entity === 'invoice' ? r.totalCents : r.entity === 'payment' ? r.amountCents : 0);
  const number = (r: Dupable) => (r.entity === 'invoice' ? r.number : r.entity === 'payment' ? r.reference : undefined) ?? r.sourceId;
  const sameLink = (rule.keys ?? []).some((k) => k.includes('link'));
  return findingFor(
    rule,
    subject,
    {
      summary: sameLink
        ? `${subject.entity === 'invoice' ? 'Invoice' : 'Payment'} ${number(subject)} posted ${ordered.length} times ${where} (${formatCents(money(subject))} counted twice)`
        : `${ordered.length} ${subject.entity}s numbered ${number(subject)} ${where}: ${ordered.map((r) => `${customerOf(r)} ${formatCents(money(r))}`).join(' / ')}`,
      related: others.map(refOf),
      evidence: ordered.map((r) => ({
        field: `${r.entity} ${r.sourceId}`,
        [r.side]: `${number(r)} · ${customerOf(r)} · ${formatCents(money(r))} · ${r.entity === 'invoice' ? (r.txnDate ?? '') : ((r as PaymentRecord).date ?? '')}`,
      })),
      amountCents: Math.abs(money(subject)),
      likelySide: subject.side === 'quickbooks' ? 'sync' : 'upstream',
      since: subject.createdAt ?? undefined,
      location: subject.entity === 'invoice' ? subject.location : undefined,
      customerFacing: subject.entity === 'invoice' && sameLink,
      rootCauseKey: sameLink ? undefined : `number ${number(first)}`,
    },
    suffix,
  );
}

/**
 * The exact key texts a record is grouped by under the rule (key sets naming `link` left out: those
 * group by the link itself). Records sharing one can be one finding, so they are judged together.
 */
export function duplicateKeyTexts(rule: RuleOf<'duplicate'>, r: Dupable): string[] {
  const texts: string[] = [];
  for (const fields of rule.keys ?? []) {
    if (fields.includes('link')) continue;
    const parts: string[] = [];
    for (const f of fields) parts.push(fieldValue(undefined, r, f) ?? '');
    if (!parts.includes('')) texts.push(parts.join('\u0000'));
  }
  return texts;
}

function customerOf(r: Dupable): string {
  return r.customerName ?? '?';
}

function nameOf(r: Dupable): string {
  return r.customerName ?? '';
}

function compositeKey(ctx: EvalContext, r: Dupable, fields: readonly Field[]): string | undefined {
  const parts: string[] = [];
  for (const f of fields) {
    const v = fieldValue(ctx, r, f);
    if (v === undefined || v === '') return undefined;
    parts.push(v);
  }
  return parts.join('\u0000');
}

function fieldValue(ctx: EvalContext | undefined, r: Dupable, f: Field): string | undefined {
  switch (f) {
    case 'number':
      return r.entity === 'invoice' ? r.number : r.entity === 'payment' ? r.reference : undefined;
    case 'email':
      return r.entity === 'invoice' ? lower(r.email) : undefined;
    case 'phone':
      return undefined;
    case 'name':
      return normaliseName(nameOf(r)) || undefined;
    case 'customer':
      return r.customerId;
    case 'total':
      return r.entity === 'invoice' ? String(r.totalCents) : r.entity === 'payment' ? String(r.amountCents) : undefined;
    case 'date':
      return r.entity === 'invoice' ? r.txnDate : r.entity === 'payment' ? r.date : undefined;
    case 'address':
      return undefined;
    case 'link': {
      if (ctx === undefined) return undefined;
      const up =
        r.entity === 'invoice'
          ? ctx.recon.upstreamByQbInvoice.get(r)
          : r.entity === 'payment'
            ? ctx.recon.upstreamByQbPayment.get(r)
            : undefined;
      return up ? recordKey(up.record) : undefined;
    }
  }
}
