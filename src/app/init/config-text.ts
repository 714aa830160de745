// The sync-sentinel.yaml that `init` writes: every setting a newcomer needs, each with a comment
// that says what it does and where to change it. Paths are relative to this file's folder.
import { stringify } from 'yaml';
import type { InitAnswers, Upstream } from './answers';
import { SAMPLE_FOLDER, QUICKBOOKS_SAMPLE_FOLDER } from './samples';

const scalar = (value: string | number) => stringify(value).trim();
/** A setting with its comment lined up with the others'. */
const setting = (text: string, comment: string) => `${text.padEnd(34)} # ${comment}`;

/** The files preset that reads the chosen vendor's own export (an API vendor starts with its export). */
export function presetOf(upstream: Upstream): 'generic' | 'servicetitan' | 'jobber' | 'housecallpro' {
  return upstream === 'files' || upstream === 'http' ? 'generic' : upstream;
}

const VENDOR_NAME: Record<Upstream, string> = {
  files: 'Field-service export',
  servicetitan: 'ServiceTitan export',
  jobber: 'Jobber export',
  housecallpro: 'Housecall Pro export',
  http: 'Field-service export',
};

/** The API connection to switch to later, commented out: it needs credentials the set-up cannot have. */
const API_SOURCE: Record<Upstream, string[]> = {
  files: [],
  servicetitan: [
    '  # Later, read ServiceTitan through its API instead of exports (credentials go in the environment:',
    '  # ST_CLIENT_ID, ST_CLIENT_SECRET, ST_APP_KEY; see "Upstream connectors" in the README):',
    '  # - id: servicetitan',
    '  #   type: servicetitan',
    '  #   tenant: "1234567"',
  ],
  jobber: [
    '  # Later, read Jobber through its API instead of exports (JOBBER_* in the environment; see',
    '  # "Upstream connectors" in the README):',
    '  # - id: jobber',
    '  #   type: jobber',
  ],
  housecallpro: [
    '  # Later, read Housecall Pro through its API instead of exports (HCP_API_KEY in the environment;',
    '  # see "Upstream connectors" in the README):',
    '  # - id: housecallpro',
    '  #   type: housecallpro',
  ],
  http: [
    '  # Later, read your own system\'s JSON API instead of exports (see "Upstream connectors" in the',
    '  # README for paging, field paths and credentials):',
    '  # - id: my-api',
    '  #   type: http',
    '  #   base_url: https://ops.example.com/api',
  ],
};

export function configText(a: InitAnswers): string {
  const preset = presetOf(a.upstream);
  return [
    "# sync-sentinel settings. Relative paths are relative to this file's folder, whichever folder a",
    '# command runs in. Secrets never go here, only in the environment (see the README).',
    '# Check this file and the rules with: npx sync-sentinel rules check',
    '',
    'company:',
    setting(`  id: ${scalar(a.companyId)}`, 'stored with every record; keep it once alerts exist'),
    `  name: ${scalar(a.companyName)}`,
    setting(`  time_zone: ${scalar(a.timeZone)}`, 'dates without a zone, schedules and "today" use this (IANA name)'),
    setting(`  close_day: ${a.closeDay}`, 'day of the month the books close; `status close` lists what to fix before it'),
    setting('  # history_from: 2026-01-01', 'first day the QuickBooks sync carried; older records are history'),
    '',
    'schedule:',
    setting('  poll: "*/5 * * * *"', 'how often `serve` reads the sources (cron, company time zone)'),
    '',
    'storage:',
    setting('  sqlite: ./data/sentinel.db', "incidents, what each chat was told, the sources' last records"),
    '',
    setting('rules: [rules/default.yaml]', 'what counts as a problem and how serious; edit the copy, then `rules check`'),
    '',
    'sources:',
    `  # Drop exports into ${SAMPLE_FOLDER}/ (the newest file per kind is read: invoices*.csv, payments*.csv,`,
    '  # jobs*.csv, customers*.csv). `npx sync-sentinel sources test` shows what each source can read.',
    '  - id: upstream',
    '    type: files',
    `    name: ${scalar(VENDOR_NAME[a.upstream])}`,
    `    path: ./${SAMPLE_FOLDER}`,
    setting(
      `    preset: ${preset}`,
      preset === 'generic'
        ? 'column names: id, number, customer_name, date, total, balance… (README)'
        : `reads ${VENDOR_NAME[a.upstream].replace(' export', '')}'s own column headers`,
    ),
    '    # columns: { invoices: { total: "Invoice Total" } }   # map a header your export names differently',
    ...API_SOURCE[a.upstream],
    '  - id: quickbooks',
    '    type: quickbooks',
    `    # Until QuickBooks is connected, the sample company in ./${QUICKBOOKS_SAMPLE_FOLDER} is served on`,
    '    # 127.0.0.1 so `run --once` works now. To watch your real company: delete the next line, set',
    '    # QBO_CLIENT_ID, QBO_CLIENT_SECRET and SYNC_SENTINEL_SECRET_KEY, then `npx sync-sentinel connect quickbooks`.',
    `    sandbox_data: ./${QUICKBOOKS_SAMPLE_FOLDER}`,
    '',
    'matching:',
    setting('  invoice: [{ by: doc_number }]', 'a QuickBooks invoice is the upstream one with the same number'),
    setting('  payment: [{ by: reference }]', 'a QuickBooks payment is the upstream one with the same reference'),
    '',
    'channels:',
    setting('  - { type: console, name: console }', 'alerts print here; add Slack or Teams later (README)'),
    '',
    'routes:',
    '  - { match: {}, channels: [console] }',
    '',
  ].join('\n');
}
