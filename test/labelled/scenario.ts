// The labelled scenarios: the company with every failure and hard negative injected, and the
// history and tracking variants whose only correct outcome is zero or one finding.
import { Books } from './books';
import { DAY, HOUR, startOfLocalDay } from './clock';
import { buildCompany, Identities } from './company';
import { depositAll } from './deposits';
import { injectFailures, kitFor } from './inject-failures';
import { injectNegatives } from './inject-negatives';
import { recordKey, SIZES, type LabelledScenario, type SizeName } from './model';
import { Rng } from './random';
import { UNITS } from './catalog';

/** Mid-month Wednesday afternoon, away from the books-close window (close day 5). */
export const NOW = new Date('2026-11-18T16:30:00Z');
/** In the history scenarios the QuickBooks sync was switched on six and a half months before NOW. */
export const SYNC_START_DATE = '2026-05-01';

export type Variant =
  | 'clean'
  | 'labelled'
  | 'history-configured'
  | 'history-inferred'
  | 'class-tracking-unused'
  | 'clean-servicetitan'
  | 'clean-jobber'
  | 'clean-housecallpro';

export function buildScenario(variant: Variant, seed: number, size: SizeName): LabelledScenario {
  const rng = new Rng(seed * 7919 + SIZES[size]);
  const nowMs = NOW.getTime();
  const books = new Books(rng, nowMs);
  const ids = new Identities(books);
  const history = variant === 'history-configured' || variant === 'history-inferred';
  const syncStartMs = history ? startOfLocalDay(SYNC_START_DATE) : undefined;
  const company = buildCompany(books, ids, { invoices: SIZES[size], historyDays: history ? 2 * 365 + 200 : 2 * 365, syncStartMs });
  const kit = kitFor(books, ids);
  keepSourcesFresh(kit);
  const scenario: LabelledScenario = {
    name: `${variant} · seed ${seed} · ${size}`,
    seed,
    size,
    now: NOW,
    upstream: {},
    quickbooks: {},
    labels: [],
    negatives: [],
  };
  const vendor = /^clean-(servicetitan|jobber|housecallpro)$/.exec(variant)?.[1];
  if (vendor) scenario.upstreamAs = vendor as LabelledScenario['upstreamAs'];
  if (variant === 'labelled') {
    scenario.labels.push(...injectFailures(kit));
    const negs = injectNegatives(kit);
    scenario.labels.push(...negs.labels);
    scenario.negatives.push(...negs.negatives);
  }
  if (history) {
    scenario.negatives.push({
      situation: 'history-before-sync',
      records: company.beforeSync,
      note: `upstream records from before the sync started (${SYNC_START_DATE})`,
    });
    if (variant === 'history-configured') scenario.historyFrom = SYNC_START_DATE;
    else {
      scenario.labels.push({
        id: 'history-backlog',
        row: 0,
        ruleId: 'history-backlog',
        records: [recordKey('upstream', 'source', 'history-backlog')],
        action: ['monitor'],
        severity: 'low',
        note: 'one company-level summary of the unsynced history, naming company.history_from',
      });
    }
  }
  if (variant === 'class-tracking-unused') {
    for (const inv of books.qb.Invoice) delete inv['ClassRef'];
    scenario.labels.push({
      id: 'class-tracking-unused',
      row: 8,
      ruleId: 'incomplete-invoice-class',
      records: [recordKey('quickbooks', 'source', 'preferences:class')],
      note: 'class tracking on in Preferences, no invoice carries a class: one company-level finding (contract 4)',
    });
  }
  depositAll(books);
  scenario.upstream = {
    fieldpro: { customers: books.upCustomers, jobs: books.jobs, invoices: books.invoices, payments: books.payments },
    webpay: { payments: books.webPayments },
    ...(books.financingPayments.length > 0 ? { financing: { payments: books.financingPayments } } : {}),
  };
  scenario.quickbooks = {
    ...books.qb,
    Preferences: {
      AccountingInfoPrefs: {
        TrackDepartments: true,
        DepartmentTerminology: 'Location',
        ClassTrackingPerTxn: true,
        ClassTrackingPerTxnLine: false,
        CustomerTerminology: 'Customers',
        BookCloseDate: '2026-09-30',
      },
      SalesFormsPrefs: { AllowDiscount: true, AllowDeposit: true, CustomTxnNumbers: true, DefaultTerms: { value: '3' } },
      TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: true },
      CurrencyPrefs: { HomeCurrency: { value: 'USD' }, MultiCurrencyEnabled: false },
      Id: '1',
      SyncToken: '3',
      MetaData: { CreateTime: '2021-03-02T09:14:55-06:00', LastUpdatedTime: '2026-05-01T08:02:11-05:00' },
    },
    CompanyInfo: {
      CompanyName: 'Three Rivers Home Services LLC',
      LegalName: 'Three Rivers Home Services LLC',
      Country: 'US',
      CompanyAddr: { Line1: '4100 Industrial Blvd', City: 'Austin', CountrySubDivisionCode: 'TX', PostalCode: '78744' },
      FiscalYearStartMonth: 'January',
      SupportedLanguages: 'en',
      Id: '1',
      SyncToken: '5',
      MetaData: { CreateTime: '2021-03-02T09:14:55-06:00', LastUpdatedTime: '2026-05-01T08:02:11-05:00' },
    },
  };
  return scenario;
}

/** Every export has something from the last day, so no source looks silent unless a label says so. */
function keepSourcesFresh(kit: ReturnType<typeof kitFor>): void {
  const { books } = kit;
  const now = books.nowMs;
  const c = kit.customer({ first: 'Ramona', last: 'Achebe-Lind' }, { createdDaysAgo: 90 });
  const s = kit.sale(c, 1.2, { unit: UNITS[0]! });
  books.pay(s, { amountCents: s.totalCents, atMs: now - 20 * HOUR, method: 'card', web: true });
  kit.sale(kit.customer({ company: 'Barton Springs Yoga Collective' }, { createdDaysAgo: 40 }), (3 * HOUR) / DAY, { unit: UNITS[4]! });
}
