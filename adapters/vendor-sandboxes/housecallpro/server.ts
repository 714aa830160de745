// A Housecall Pro look-alike on 127.0.0.1: `Authorization: Token <key>` (Bearer accepted too),
// `page`/`page_size` → `total_pages`/`total_items`, `sort_by`/`sort_direction`, integer cents,
// payments inside invoices, an optional X-Company-Id, and 429 with Retry-After past a request rate.
import { sendJson, startLoopback, WindowLimit, type Loopback } from '../common/loopback';
import type { Row, World } from '../common/world';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { customerWire, invoiceWire, jobWire } from './wire';

export interface HousecallProSandboxOptions {
  world: World;
  apiKey: string;
  /** Requests per second before 429 (HCP publishes none; default 20). */
  ratePerSecond?: number;
  maxPageSize?: number;
  port?: number;
}

export interface HousecallProSandbox extends Loopback {
  apiUrl: string;
  /** Revokes the key (the admin deleted it in API Key Management). */
  revokeKey(): void;
}

const err = (message: string) => ({ error: { message } });

export async function startHousecallProSandbox(opts: HousecallProSandboxOptions): Promise<HousecallProSandbox> {
  const w = opts.world;
  let revoked = false;
  const limit = new WindowLimit(opts.ratePerSecond ?? 20, 1000);
  let index:
    | {
        version: number;
        customers: Map<string, CustomerRecord>;
        invoiceOfJob: Map<string, InvoiceRecord>;
        jobOfNumber: Map<string, JobRecord>;
        payments: Map<string, PaymentRecord[]>;
      }
    | undefined;
  const ix = () => {
    if (index?.version === w.version) return index;
    const customers = new Map(w.list('customers').map((r) => [r.record.sourceId, r.record]));
    const invoiceOfJob = new Map<string, InvoiceRecord>();
    for (const { record, deleted } of w.list('invoices')) if (!deleted && record.jobNumber) invoiceOfJob.set(record.jobNumber, record);
    const jobOfNumber = new Map(w.list('jobs').map((r) => [r.record.number, r.record]));
    const payments = new Map<string, PaymentRecord[]>();
    for (const { record, deleted } of w.list('payments'))
      if (!deleted)
        for (const a of record.appliedTo) if (a.invoiceId) payments.set(a.invoiceId, [...(payments.get(a.invoiceId) ?? []), record]);
    index = { version: w.version, customers, invoiceOfJob, jobOfNumber, payments };
    return index;
  };

  // The ordered list a page is cut from, kept until the world changes.
  const orders = new Map<string, unknown>();
  let ordersVersion = -1;
  function ordering<T>(key: string, desc: boolean, make: () => T): T {
    if (ordersVersion !== w.version) {
      orders.clear();
      ordersVersion = w.version;
    }
    const k = `${key}|${desc}`;
    if (!orders.has(k)) orders.set(k, make());
    return orders.get(k) as T;
  }

  function list<T extends { sourceId: string }>(
    url: URL,
    rows: ReadonlyArray<Row<T>>,
    key: string,
    wire: (r: Row<T>) => unknown,
    sortable: string[],
  ) {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const size = Math.min(opts.maxPageSize ?? 100, Math.max(1, Number(url.searchParams.get('page_size') ?? 10)));
    const sortBy = url.searchParams.get('sort_by') ?? 'created_at';
    if (!sortable.includes(sortBy)) return { status: 400, body: err(`sort_by must be one of ${sortable.join(', ')}`) };
    const desc = url.searchParams.get('sort_direction') === 'desc';
    // Rows are kept oldest change first; created order is close enough for the other sort keys.
    const ordered = ordering(key, desc, () => {
      const live = rows.filter((r) => !r.deleted);
      return desc ? [...live].reverse() : live;
    });
    const total = ordered.length;
    return {
      status: 200,
      body: {
        page,
        page_size: size,
        total_pages: Math.max(1, Math.ceil(total / size)),
        total_items: total,
        [key]: ordered.slice((page - 1) * size, page * size).map(wire),
      },
    };
  }

  const loop = await startLoopback({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    errorBody: (_s, message) => err(message),
    handler: ({ req, res, url }) => {
      const auth = /^(Token|Bearer) (.+)$/.exec(req.headers['authorization'] ?? '');
      if (revoked || !auth || auth[2] !== opts.apiKey) return sendJson(res, 401, err('Unauthorized'));
      const wait = limit.take();
      if (wait > 0) return sendJson(res, 429, err('Too Many Requests'), { 'Retry-After': String(wait) });
      if (req.method !== 'GET') return sendJson(res, 405, err('Method Not Allowed'));
      const x = ix();
      const jobWireOf = (r: Row<JobRecord>) =>
        jobWire(
          r.record,
          r.modifiedMs,
          r.record.customerId ? x.customers.get(r.record.customerId) : undefined,
          x.invoiceOfJob.get(r.record.number),
        );
      let out: { status: number; body: unknown };
      const single = /^\/jobs\/job_([^/]+)$/.exec(url.pathname);
      if (url.pathname === '/customers')
        out = list(url, w.list('customers'), 'customers', (r) => customerWire(r.record, r.modifiedMs, 'Sandbox Heating'), [
          'created_at',
          'updated_at',
          'id',
        ]);
      else if (url.pathname === '/jobs')
        out = list(url, w.list('jobs'), 'jobs', jobWireOf, [
          'created_at',
          'updated_at',
          'invoice_number',
          'id',
          'description',
          'work_status',
        ]);
      else if (url.pathname === '/invoices')
        out = list(
          url,
          w.list('invoices'),
          'invoices',
          (r) =>
            invoiceWire(
              r.record,
              r.record.jobNumber && x.jobOfNumber.get(r.record.jobNumber) ? `job_${x.jobOfNumber.get(r.record.jobNumber)!.sourceId}` : null,
              x.payments.get(r.record.sourceId) ?? [],
            ),
          ['amount', 'created_at', 'due_amount', 'due_at', 'invoice_number', 'paid_at', 'sent_at', 'status', 'updated_at'],
        );
      else if (single) {
        const row = w.find('jobs', single[1]!);
        out = row && !row.deleted ? { status: 200, body: jobWireOf(row) } : { status: 404, body: err('Job not found') };
      } else out = { status: 404, body: err('Not Found') };
      sendJson(res, out.status, out.body);
    },
  });
  return { ...loop, apiUrl: loop.url, revokeKey: () => void (revoked = true) };
}
