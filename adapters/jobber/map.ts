// Jobber GraphQL nodes → canonical fields. Money is Float dollars (read through its decimal text);
// Jobber has no class, so class and location come from invoice custom fields or a default.
import { normaliseEmail, normalisePhone } from '../../src/domain/contact';
import type { InvoiceStatus, JobStatus } from '../../src/domain/records';
import { FieldError, cents, instant, optText, requiredCents } from '../vendor-http/collect';

export interface JobberMapSettings {
  classField: string;
  defaultClass?: string;
  locationField: string;
  ids: 'encoded' | 'gid_number';
  defaultCountry: string;
}

type Node = Record<string, unknown>;
const obj = (v: unknown): Node | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined);
const nodes = (v: unknown): Node[] => (Array.isArray(obj(v)?.['nodes']) ? (obj(v)!['nodes'] as Node[]) : []);

/** `gid://Jobber/Invoice/123` inside base64 → `123` when configured so; else the EncodedId as is. */
export function jobberId(value: unknown, s: Pick<JobberMapSettings, 'ids'>, field = 'id'): string {
  const id = optText(value);
  if (id === undefined) throw new FieldError(field, 'has no id');
  if (s.ids === 'encoded') return id;
  const m = /^gid:\/\/Jobber\/\w+\/(\d+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m ? m[1]! : id;
}

/** Jobber writes dates with the account's offset; the date as written is the calendar date. */
function localDate(value: unknown, field: string): string | undefined {
  const text = optText(value);
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) throw new FieldError(field, `${JSON.stringify(text)} is not a date`);
  return text.slice(0, 10);
}

function custom(node: Node, label: string): string | undefined {
  const fields = Array.isArray(node['customFields']) ? (node['customFields'] as Node[]) : [];
  return optText(fields.find((f) => String(f['label'] ?? '').toLowerCase() === label.toLowerCase())?.['valueText']);
}

export function mapClient(n: Node, s: JobberMapSettings) {
  const address = obj(n['billingAddress']);
  const primary = (list: unknown, key: string) => {
    const items = Array.isArray(list) ? (list as Node[]) : [];
    return optText((items.find((i) => i['primary'] === true) ?? items[0])?.[key]);
  };
  const name = optText(n['name']);
  if (name === undefined) throw new FieldError('name', 'is empty');
  return {
    entity: 'customer' as const,
    sourceId: jobberId(n['id'], s),
    updatedAt: instant(n['updatedAt'], 'updatedAt') ?? null,
    createdAt: instant(n['createdAt'], 'createdAt') ?? null,
    displayName: name,
    givenName: optText(n['firstName']),
    familyName: optText(n['lastName']),
    companyName: optText(n['companyName']),
    email: normaliseEmail(primary(n['emails'], 'address')),
    phone: normalisePhone(primary(n['phones'], 'number'), s.defaultCountry),
    address: address
      ? {
          line1: optText(address['street1']),
          city: optText(address['city']),
          region: optText(address['province']),
          postalCode: optText(address['postalCode']),
        }
      : undefined,
    active: n['isArchived'] !== true,
    balanceCents: cents(n['balance'], 'balance'),
  };
}

const OPEN_JOB: Record<string, JobStatus> = {
  active: 'in_progress',
  today: 'in_progress',
  late: 'in_progress',
  upcoming: 'scheduled',
  unscheduled: 'scheduled',
  action_required: 'scheduled',
  on_hold: 'on_hold',
  requires_invoicing: 'completed',
};

export function mapJob(n: Node, s: JobberMapSettings) {
  const raw = String(n['jobStatus'] ?? '').toLowerCase();
  // No "canceled" in Jobber: a job closed without an invoice reads as archived.
  const invoiced = (obj(n['invoices'])?.['totalCount'] as number | undefined) ?? 0;
  const status: JobStatus | undefined = raw === 'archived' ? (invoiced > 0 || n['completedAt'] ? 'completed' : 'canceled') : OPEN_JOB[raw];
  if (status === undefined) throw new FieldError('jobStatus', `${JSON.stringify(n['jobStatus'])} is not a Jobber job status`);
  const client = obj(n['client']);
  return {
    entity: 'job' as const,
    sourceId: jobberId(n['id'], s),
    updatedAt: instant(n['updatedAt'], 'updatedAt') ?? null,
    createdAt: instant(n['createdAt'], 'createdAt') ?? null,
    number:
      optText(n['jobNumber']) ??
      (() => {
        throw new FieldError('jobNumber', 'is empty');
      })(),
    customerId: client ? jobberId(client['id'], s, 'client.id') : undefined,
    customerName: optText(client?.['name']),
    status,
    completedAt: instant(n['completedAt'], 'completedAt') ?? null,
    businessUnit: optText(n['title']),
    location: custom(n, s.locationField),
    totalCents: cents(n['total'], 'total'),
  };
}

const INVOICE_STATUS: Record<string, InvoiceStatus> = { draft: 'draft', paid: 'paid', bad_debt: 'void', voided: 'void' };

export function mapInvoice(n: Node, s: JobberMapSettings) {
  const amounts = obj(n['amounts']);
  if (!amounts) throw new FieldError('amounts', 'is missing');
  const client = obj(n['client']);
  const job = nodes(n['jobs'])[0];
  return {
    entity: 'invoice' as const,
    sourceId: jobberId(n['id'], s),
    updatedAt: instant(n['updatedAt'], 'updatedAt') ?? null,
    createdAt: instant(n['createdAt'], 'createdAt') ?? null,
    number: optText(n['invoiceNumber']),
    jobNumber: optText(job?.['jobNumber']),
    customerId: client ? jobberId(client['id'], s, 'client.id') : undefined,
    customerName: optText(client?.['name']),
    txnDate: localDate(n['issuedDate'], 'issuedDate'),
    dueDate: localDate(n['dueDate'], 'dueDate'),
    issuedAt: instant(n['issuedDate'], 'issuedDate') ?? null,
    totalCents: requiredCents(amounts['total'], 'amounts.total'),
    taxCents: cents(amounts['taxAmount'], 'amounts.taxAmount'),
    balanceCents: cents(amounts['invoiceBalance'], 'amounts.invoiceBalance'),
    // Unknown statuses (awaiting_payment, past_due, new ones) count as open.
    status: INVOICE_STATUS[String(n['invoiceStatus'] ?? '').toLowerCase()] ?? 'open',
    className: custom(n, s.classField) ?? s.defaultClass,
    location: custom(n, s.locationField),
    lines: nodes(n['lineItems']).map((l, i) => ({
      item: optText(l['name']),
      description: optText(l['description']),
      amountCents: requiredCents(l['totalPrice'], `lineItems[${i}].totalPrice`),
      ...(typeof l['quantity'] === 'number' ? { qty: l['quantity'] } : {}),
      taxable: l['taxable'] !== false,
    })),
  };
}

export function mapPayment(n: Node, s: JobberMapSettings) {
  const amountCents = requiredCents(n['amount'], 'amount');
  const client = obj(n['client']);
  const invoice = obj(n['invoice']);
  // A payment record links to exactly one invoice.
  const appliedTo = invoice
    ? [
        {
          invoiceId: jobberId(invoice['id'], s, 'invoice.id'),
          ...(optText(invoice['invoiceNumber']) ? { invoiceNumber: optText(invoice['invoiceNumber']) } : {}),
          amountCents,
        },
      ]
    : [];
  return {
    entity: 'payment' as const,
    sourceId: jobberId(n['id'], s),
    updatedAt: instant(n['updatedAt'], 'updatedAt') ?? null,
    createdAt: instant(n['createdAt'], 'createdAt') ?? null,
    reference: optText(n['details']),
    customerId: client ? jobberId(client['id'], s, 'client.id') : undefined,
    customerName: optText(client?.['name']),
    date: localDate(n['entryDate'], 'entryDate'),
    receivedAt: instant(n['entryDate'], 'entryDate') ?? null,
    amountCents,
    unappliedCents: invoice ? 0 : amountCents,
    appliedTo,
    method: optText(n['paymentType'])?.toLowerCase().replace('credit_card', 'card'),
  };
}
