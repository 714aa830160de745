// What a labelled scenario is: the files the product reads, and what a correct product must say
// about them. Records are named `side/entity/sourceId`, exactly as a finding's subject or related
// refs name them (QuickBooks sales receipts `sr-<Id>`, credit memos `cm-<Id>`; company-level
// subjects use entity `source`).
import type { Severity } from '../../src/config/schema';

export type RecordKey = string;

export const recordKey = (side: 'upstream' | 'quickbooks', entity: string, sourceId: string): RecordKey => `${side}/${entity}/${sourceId}`;

/** One injected failure: the finding a correct product must raise, and on which records. */
export interface Label {
  id: string;
  /** Catalogue row (1–15); 0 for contract findings outside the catalogue (malformed row, history backlog). */
  row: number;
  ruleId: string;
  /** A finding of `ruleId` naming any of these (subject or related) finds this label. */
  records: RecordKey[];
  /** Other rules whose findings on these same records are also correct (never needed for recall). */
  also?: string[];
  /** Where the decision tree must land on a first occurrence (incident of this finding), when the catalogue says. */
  action?: string[];
  severity?: Severity;
  note: string;
}

/** A legitimate situation: no finding may name any of these records. */
export interface HardNegative {
  situation: string;
  records: RecordKey[];
  note: string;
}

export type CsvRow = Record<string, string | undefined>;

export interface UpstreamFiles {
  /** Source id → entity file (customers, jobs, invoices, payments) → rows. */
  [source: string]: Partial<Record<'customers' | 'jobs' | 'invoices' | 'payments', CsvRow[]>>;
}

export interface LabelledScenario {
  name: string;
  seed: number;
  size: SizeName;
  now: Date;
  /** company.history_from for the config, when the scenario configures it. */
  historyFrom?: string;
  /** The field tool served by that vendor's sandbox on 127.0.0.1 (from the same exports) instead of read as files. */
  upstreamAs?: 'servicetitan' | 'jobber' | 'housecallpro';
  upstream: UpstreamFiles;
  /** QuickBooks entity file name (Invoice, Payment, Preferences …) → wire JSON. */
  quickbooks: Record<string, unknown>;
  labels: Label[];
  negatives: HardNegative[];
}

export const SIZES = { small: 150, medium: 400, large: 1200, huge: 4000 } as const;
export type SizeName = keyof typeof SIZES;
