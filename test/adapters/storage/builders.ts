// Small builders for store inputs: each returns a valid default, a test overrides what it is about.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import type { Classification } from '../../../src/classify/classification';
import type { InvoiceRecord, JobRecord } from '../../../src/domain/records';
import type { Incident, IncidentChange, IncidentEvent, IncidentFinding } from '../../../src/incidents/model';
import type { AlertView } from '../../../src/notify/alert-view';
import type { NotifyState, OutboxDraft, ThreadRef } from '../../../src/notify/outbox';
import type { SourceRead } from '../../../src/ports/source';
import type { CycleCommit, PollRun } from '../../../src/ports/store';
import { aFinding } from '../../builders/findings';

export const COMPANY = 'acme-hvac';
export const T0 = '2026-03-02T09:00:00.000Z';

/** ISO instant `minutes` after T0. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

/** A temp folder per test file, removed afterwards; stores opened through it are closed first. */
export function tempStores() {
  const dir = mkdtempSync(join(tmpdir(), 'sync-sentinel-store-'));
  const open: SqliteStore[] = [];
  return {
    dir,
    file: (name = 'sentinel.db') => join(dir, name),
    open(name = 'sentinel.db'): SqliteStore {
      const store = openSqliteStore(join(dir, name));
      open.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      for (const store of open) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function anInvoice(overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  const sourceId = overrides.sourceId ?? 'INV-1001';
  return {
    entity: 'invoice',
    side: 'upstream',
    source: 'fieldpro-export',
    sourceId,
    updatedAt: T0,
    hash: `hash-${sourceId}`,
    number: sourceId,
    totalCents: 41_200,
    status: 'open',
    lines: [{ item: 'AC Tune-Up', amountCents: 41_200 }],
    ...overrides,
  };
}

export function aJob(overrides: Partial<JobRecord> = {}): JobRecord {
  const sourceId = overrides.sourceId ?? 'JOB-501';
  return {
    entity: 'job',
    side: 'upstream',
    source: 'fieldpro-export',
    sourceId,
    updatedAt: T0,
    hash: `hash-${sourceId}`,
    number: sourceId,
    status: 'completed',
    ...overrides,
  };
}

export function aFullRead(overrides: Partial<SourceRead> = {}): SourceRead {
  return { mode: 'full', records: [], problems: [], ...overrides };
}

export function anIncrementalRead(overrides: Partial<SourceRead> = {}): SourceRead {
  return { mode: 'incremental', records: [], problems: [], ...overrides };
}

export function anIncidentFinding(key: string, overrides: Partial<IncidentFinding> = {}): IncidentFinding {
  return { key, finding: aFinding({ key }), firstSeenAt: T0, lastSeenAt: T0, resolvedAt: null, ...overrides };
}

export function aClassification(overrides: Partial<Classification> = {}): Classification {
  return {
    severity: 'medium',
    action: 'diagnostic_review',
    path: ['affects billing'],
    impact: ['billing'],
    keyArea: true,
    recurring: false,
    causeClear: false,
    urgent: false,
    strategic: false,
    ...overrides,
  };
}

export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-invoice-late-all',
    number: 1,
    companyId: COMPANY,
    ruleId: 'invoice-late',
    groupKey: 'all',
    title: 'Invoices late to QuickBooks',
    status: 'open',
    openedAt: T0,
    changedAt: T0,
    resolvedAt: null,
    snoozedUntil: null,
    acknowledgedBy: null,
    cleanPolls: 0,
    reopenCount: 0,
    weeksSeen: ['2026-W10'],
    rootCause: null,
    classification: aClassification(),
    findings: [],
    ...overrides,
  };
}

export function anEvent(incident: Incident, overrides: Partial<IncidentEvent> = {}): IncidentEvent {
  return {
    incidentId: incident.id,
    companyId: incident.companyId,
    at: incident.changedAt,
    type: 'opened',
    actor: 'sentinel',
    data: {},
    ...overrides,
  };
}

/** The change that opens `incident` with all its findings. */
export function anOpening(incident: Incident): IncidentChange {
  return { before: null, after: incident, events: [anEvent(incident)], added: incident.findings, resolved: [] };
}

export function aChange(before: Incident | null, after: Incident, overrides: Partial<IncidentChange> = {}): IncidentChange {
  return { before, after, events: [], added: [], resolved: [], ...overrides };
}

function anAlertView(incidentId: string): AlertView {
  return {
    incidentId,
    number: 1,
    title: 'Invoices late to QuickBooks',
    ruleId: 'invoice-late',
    status: 'open',
    severity: 'medium',
    action: 'diagnostic_review',
    actionLabel: 'Run a diagnostic review',
    pathLine: 'affects billing → Run a diagnostic review',
    strategic: false,
    findingCount: 1,
    suppressedCount: 0,
    amountAtRiskCents: 41_200,
    locations: [],
    impact: ['billing'],
    topFindings: [],
    openedAt: T0,
  };
}

export function aDraft(overrides: Partial<OutboxDraft> = {}): OutboxDraft {
  const incidentId = overrides.incidentId ?? 'inc-invoice-late-all';
  return {
    companyId: COMPANY,
    incidentId,
    channel: 'ops-slack',
    op: 'post_parent',
    body: { kind: 'parent', view: anAlertView(incidentId) },
    createdAt: T0,
    ...overrides,
  };
}

export function aNotifyState(overrides: Partial<NotifyState> = {}): NotifyState {
  return {
    companyId: COMPANY,
    incidentId: 'inc-invoice-late-all',
    channel: 'ops-slack',
    parentPlanned: true,
    viewHash: 'view-1',
    severity: 'medium',
    status: 'open',
    lastPlannedAt: T0,
    lastThreadAt: null,
    ...overrides,
  };
}

export function aThreadRef(overrides: Partial<ThreadRef> = {}): ThreadRef {
  return {
    companyId: COMPANY,
    incidentId: 'inc-invoice-late-all',
    channel: 'ops-slack',
    destination: 'C0123ABCD',
    parentRef: '1700000000.000100',
    ...overrides,
  };
}

export function aPollRun(overrides: Partial<PollRun> = {}): PollRun {
  return {
    companyId: COMPANY,
    startedAt: T0,
    finishedAt: at(1),
    ok: true,
    sources: { 'fieldpro-export': 'ok · 1 file, 2 rows' },
    findingCount: 1,
    recordCount: 2,
    ...overrides,
  };
}

export function aCycle(overrides: Partial<CycleCommit> = {}): CycleCommit {
  return { pollRun: aPollRun(), changes: [], outbox: [], notifyState: [], weeklyStats: [], ...overrides };
}
