// What both engines share: the clock, the sync's note format, the config and rules ours runs with,
// and which rule should report which injected anomaly.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configSchema, type MatchingConfig } from '../src/config/schema';
import type { CompanyPreferences } from '../src/domain/records';
import type { SourceHealth } from '../src/ports/store';
import { rulesFileSchema, type Rule } from '../src/rules/schema';
import type { Anomaly } from './generate';

/** A fixed "now": the data and every age computed from it are the same on every run. */
export const NOW_MS = Date.parse('2026-11-18T15:00:00.000Z');
export const INVOICE_NOTE = 'FieldPro invoice';
export const PAYMENT_NOTE = 'FieldPro payment';
export const QBO_BASE = 'https://quickbooks.api.intuit.com/v3/company/9130357766/';

/** The sync writes the upstream id into PrivateNote; DocNumber / reference are the fallback keys. */
export function matchingConfig(): MatchingConfig {
  return configSchema.parse({
    sources: [{ id: 'quickbooks', type: 'quickbooks' }],
    matching: {
      invoice: [{ by: 'private_note', pattern: `${INVOICE_NOTE} (?<id>\\S+)` }, { by: 'doc_number' }],
      payment: [{ by: 'private_note', pattern: `${PAYMENT_NOTE} (?<id>\\S+)` }, { by: 'reference' }],
    },
  }).matching;
}

export function defaultRules(): Rule[] {
  const text = readFileSync(new URL('../rules/default.yaml', import.meta.url), 'utf8');
  return rulesFileSchema.parse(parse(text)).rules;
}

/** Both sources read a minute ago and fresh: no stale-source finding, cross-side rules enabled. */
export function healthySources(recordCount: number): SourceHealth[] {
  const at = new Date(NOW_MS - 60_000).toISOString();
  return (['fsm', 'quickbooks'] as const).map((sourceId) => ({
    sourceId,
    side: sourceId === 'fsm' ? 'upstream' : 'quickbooks',
    lastOkAt: at,
    lastErrorAt: null,
    lastError: null,
    consecutiveFailures: 0,
    newestRecordAt: at,
    recordCount,
    cursor: null,
  }));
}

/** The company tracks classes and locations, so a QuickBooks invoice without a class is incomplete. */
export const PREFERENCES: CompanyPreferences = { classTracking: 'transaction', trackLocations: true, locationTerm: 'Location' };

/**
 * Rule → the anomalies it should report, one finding each. A hand-made invoice that reuses a
 * DocNumber has no upstream twin either, so it is an orphan as well as a duplicate number; an
 * unapplied payment leaves its invoice open in QuickBooks, so it is also a balance mismatch.
 */
export const EXPECTED: ReadonlyArray<{ rule: string; from: Anomaly[] }> = [
  { rule: 'missing-invoice', from: ['missing'] },
  { rule: 'orphan-invoice', from: ['orphan', 'dupNumber'] },
  { rule: 'duplicate-invoice-number', from: ['dupNumber'] },
  { rule: 'mismatch-invoice-amount', from: ['total'] },
  { rule: 'mismatch-invoice-tax', from: ['tax'] },
  { rule: 'incomplete-invoice-class', from: ['classMissing'] },
  { rule: 'mismatch-invoice-balance', from: ['balance'] },
  { rule: 'unapplied-payment', from: ['balance'] },
  { rule: 'duplicate-customer', from: ['dupCustomer'] },
];
