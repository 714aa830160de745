// Catalogue rows 3, 4, 5, 8, 9, 10 (late invoices), 11 (amount), 13, 14 and 15, plus one malformed
// export row: invoice and job failures, each on an invoice that is otherwise healthy.
import { DAY, HOUR, MINUTE, atLocal, toMinute } from './clock';
import { freeCustomer } from './customers';
import { expectFinding } from './expect';
import { addHandInvoice, addJob, invoicedJob, line, priced } from './invoices';
import type { Gen, Line } from './model';

export function injectInvoiceFailures(g: Gen): void {
  const { w } = g;

  // 3 + 14. Someone typed an invoice into QuickBooks by hand and reused a number FieldPro had
  // already synced: a different customer and amount, no link to FieldPro.
  const original = invoicedJob(g, freeCustomer(g), 10 * DAY, { trade: 'HVAC' });
  const typist = freeCustomer(g);
  // $272.50 is no price FieldPro's menu produces, so the two invoices cannot agree on the amount.
  const reused = addHandInvoice(g, typist, toMinute(w.now - 2 * DAY), [line('Furnace Repair', 1, 27_250)], { numberOf: original });
  expectFinding(g, 3, 'duplicate-invoice-number', 'quickbooks', reused, 'hand-made invoice reuses a synced invoice number');
  expectFinding(g, 14, 'orphan-invoice', 'quickbooks', reused, 'the same hand-made invoice has no FieldPro record');

  // 4. An item QuickBooks does not have: the sync rejects every invoice that uses it.
  for (const ago of [4, 6, 9]) {
    const lines = [line('A/C Tune Up Plus', 1, 18_900), ...(g.rand.chance(0.5) ? [line('Filter Replacement', 1, 4_500)] : [])];
    const inv = invoicedJob(g, freeCustomer(g, { className: 'Residential' }), ago * DAY, { trade: 'HVAC', lines, sync: false });
    inv.syncStatus = 'failed';
    inv.syncError = 'Object Not Found (610): Item "A/C Tune Up Plus" does not exist or is inactive';
    expectFinding(g, 4, 'missing-invoice', 'upstream', inv, 'held back by the unmapped item "A/C Tune Up Plus"');
  }

  // 5. QuickBooks rounds tax per line, FieldPro per invoice: one cent apart on tax and total.
  const rounded = invoicedJob(g, freeCustomer(g, { className: 'Residential' }), 8 * DAY, { trade: 'HVAC', lines: linesRoundingApart(g) });
  rounded.qbo!.tax! += 1;
  rounded.qbo!.total += 1;
  rounded.qbo!.balance += 1;
  expectFinding(g, 5, 'mismatch-invoice-tax', 'upstream', rounded, 'tax one cent higher in QuickBooks (per-line rounding)');

  // 8. A business unit with no class mapping: its invoices reach QuickBooks without a class.
  for (const ago of [3, 5, 7]) {
    const lines = [line('Drain Cleaning', 1, g.rand.int(36, 64) * 500)];
    const inv = invoicedJob(g, freeCustomer(g, { className: 'Commercial', location: 'East' }), ago * DAY, {
      trade: 'Plumbing',
      unit: 'Plumbing - East',
      lines,
    });
    delete inv.qbo!.className;
    expectFinding(g, 8, 'incomplete-invoice-class', 'quickbooks', inv.qbo!, 'unit "Plumbing - East" is not mapped to a class');
  }
  const misclassed = invoicedJob(g, freeCustomer(g, { className: 'Commercial' }), 12 * DAY);
  misclassed.qbo!.className = 'Residential';
  expectFinding(g, 8, 'mismatch-invoice-class', 'upstream', misclassed, 'Commercial in FieldPro, Residential in QuickBooks');

  // 9. A void that did not propagate, and an invoice deleted in FieldPro (its job was canceled)
  // that QuickBooks still holds.
  const voided = invoicedJob(g, freeCustomer(g), 11 * DAY);
  voided.status = 'void';
  voided.balance = 0;
  voided.updated = atLocal(w.now, 4, 15, 25);
  expectFinding(g, 9, 'mismatch-invoice-status', 'upstream', voided, 'void in FieldPro, open with its balance in QuickBooks');
  const deleted = invoicedJob(g, freeCustomer(g), 6 * DAY);
  w.invoices.splice(w.invoices.indexOf(deleted), 1);
  w.deletedInvoices.push(deleted);
  Object.assign(deleted.job, { status: 'canceled', updated: atLocal(w.now, 5, 9, 50) });
  delete deleted.job.completed;
  delete deleted.job.total;
  expectFinding(g, 9, 'deleted-upstream-invoice', 'quickbooks', deleted.qbo!, 'deleted in FieldPro after it synced');

  // 10. Two invoices waiting for an export batch nobody posted.
  for (const ago of [31 * HOUR, 38 * HOUR]) {
    const inv = invoicedJob(g, freeCustomer(g), ago, { sync: false });
    expectFinding(g, 10, 'late-invoice', 'upstream', inv, `issued ${ago / HOUR} h ago, still pending export`);
  }

  // 11. A line added in FieldPro after the invoice was exported (a non-taxable $85.00 trip charge);
  // the exported batch is locked, so QuickBooks keeps the old total.
  const edited = invoicedJob(g, freeCustomer(g), 9 * DAY);
  edited.lines.push(line('Service Call', 1, 8_500, false));
  edited.total += 8_500;
  edited.balance += 8_500;
  edited.job.total = edited.total;
  edited.updated = atLocal(w.now, 2, 16, 5);
  expectFinding(g, 11, 'mismatch-invoice-amount', 'upstream', edited, 'total raised by $85.00 after export');

  // 13. A blank invoice synced before its lines were filled in: $0.00 in QuickBooks, $350.00 upstream.
  const full = [line('Furnace Repair', 1, 32_333)];
  if (priced(full).total !== 35_000) throw new Error('demo: the blank invoice must total $350.00 upstream');
  const blank = invoicedJob(g, freeCustomer(g, { className: 'Residential' }), 6 * DAY, { trade: 'HVAC', lines: full });
  Object.assign(blank.qbo!, { lines: [], tax: undefined, total: 0, balance: 0 });
  expectFinding(g, 13, 'incomplete-invoice-zero', 'quickbooks', blank.qbo!, '$0.00 in QuickBooks, $350.00 in FieldPro');
  expectFinding(g, 13, 'mismatch-invoice-amount', 'upstream', blank, 'the same blank invoice, seen as a total mismatch');

  // 14. An invoice typed into QuickBooks by hand, with QuickBooks' own number.
  const walkIn = freeCustomer(g);
  const typed = addHandInvoice(
    g,
    walkIn,
    atLocal(w.now, 3, 11, 35),
    [line('Filter Replacement', 2, 4_500), line('Service Call', 1, 8_900)],
    { ownNumber: '1043' },
  );
  expectFinding(g, 14, 'orphan-invoice', 'quickbooks', typed, 'typed in by hand, no FieldPro record');

  // 15. Two jobs finished days ago that nobody invoiced.
  for (const ago of [3 * DAY + 2 * HOUR, 4 * DAY]) {
    const completed = toMinute(w.now - ago);
    const job = addJob(g, freeCustomer(g), { trade: 'Electrical', status: 'completed', start: completed - 150 * MINUTE, completed });
    job.total = 8_900;
    expectFinding(g, 15, 'uninvoiced-job', 'upstream', job, 'completed, never invoiced');
  }

  // A malformed export row: the total was typed with a letter O. The row cannot be read, so the
  // invoice (issued two hours ago, not yet synced) raises nothing else.
  const typo = invoicedJob(g, freeCustomer(g), 2 * HOUR, { sync: false });
  typo.rawTotal = '12,3O.00';
  expectFinding(g, 0, 'malformed-record', 'upstream', typo, 'total "12,3O.00" is not an amount');
}

/** Two lines whose tax, rounded line by line, comes to one cent more than rounded once. */
function linesRoundingApart(g: Gen): Line[] {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lines = [line('Furnace Repair', 1, g.rand.int(24_000, 62_000)), line('Service Call', 1, g.rand.int(8_900, 14_900))];
    const perLine = lines.reduce((n, l) => n + priced([l]).tax, 0);
    if (perLine - priced(lines).tax === 1) return lines;
  }
  throw new Error('demo: no pair of lines rounds one cent apart');
}
