// Invoice lines in an export cell. CSV has one cell for all lines: `AC Tune-Up=149.00|Service
// Call=89.00` (item names may hold spaces; the last `=` of each part starts the amount). JSON may
// hold the same text or an array of `{ item, amount, qty? }` objects.
import { parseMoneyToCents } from '../../src/domain/money';
import type { InvoiceLine } from '../../src/domain/records';

/** The lines, or the text of the first part that is not a line. */
export function parseInvoiceLines(value: unknown): { lines: InvoiceLine[] } | { bad: string } {
  if (value === undefined || value === null) return { lines: [] };
  if (Array.isArray(value)) return fromObjects(value);
  const text = String(value).trim();
  if (text === '') return { lines: [] };
  const lines: InvoiceLine[] = [];
  for (const part of text.split('|')) {
    if (part.trim() === '') continue;
    const at = part.lastIndexOf('=');
    const item = at < 0 ? '' : part.slice(0, at).trim();
    const cents = at < 0 ? undefined : parseMoneyToCents(part.slice(at + 1));
    if (item === '' || cents === undefined) return { bad: part.trim() };
    lines.push({ item, amountCents: cents });
  }
  return { lines };
}

function fromObjects(items: unknown[]): { lines: InvoiceLine[] } | { bad: string } {
  const lines: InvoiceLine[] = [];
  for (const entry of items) {
    const o = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const item = typeof o['item'] === 'string' ? o['item'] : typeof o['name'] === 'string' ? o['name'] : undefined;
    const amount = o['amount'];
    const cents = typeof amount === 'number' || typeof amount === 'string' ? parseMoneyToCents(amount) : undefined;
    if (!item?.trim() || cents === undefined) return { bad: JSON.stringify(entry) };
    const qty = typeof o['qty'] === 'number' ? o['qty'] : undefined;
    lines.push({ item: item.trim(), amountCents: cents, ...(qty !== undefined ? { qty } : {}) });
  }
  return { lines };
}
