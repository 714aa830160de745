import type { AlertView, ThreadUpdate } from '../../src/notify/alert-view';
import type { NotifyState, OutboxItem } from '../../src/notify/outbox';
import type { PlanInput } from '../../src/notify/plan';
import { NOW } from './clock';
import { COMPANY } from './incidents';

export function aPlanInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    now: NOW,
    changes: [],
    incidents: [],
    state: [],
    rules: new Map(),
    routes: [],
    channels: ['ops'],
    notifyLow: false,
    repeatIntervalMs: 86_400_000,
    ...overrides,
  };
}

export function aNotifyState(incidentId: string, overrides: Partial<NotifyState> = {}): NotifyState {
  return {
    companyId: COMPANY,
    incidentId,
    channel: 'ops',
    parentPlanned: true,
    viewHash: 'an older view',
    severity: 'medium',
    status: 'open',
    lastPlannedAt: NOW.toISOString(),
    lastThreadAt: NOW.toISOString(),
    ...overrides,
  };
}

/** A queued reply to incident `incidentId`. */
export function anOutboxItem(id: number, incidentId: string, overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id,
    companyId: COMPANY,
    incidentId,
    channel: 'ops',
    op: 'reply',
    body: {
      kind: 'thread',
      update: { incidentId, number: 1, purpose: 'new_findings', headline: `message ${id}`, lines: [], moreCount: 0, severity: 'medium' },
    },
    createdAt: NOW.toISOString(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: NOW.toISOString(),
    lastError: null,
    ...overrides,
  };
}

/** What an incident's parent message shows: one finding, open, medium. */
export function anAlertView(incidentId: string, overrides: Partial<AlertView> = {}): AlertView {
  return {
    incidentId,
    number: 1,
    title: 'Invoice missing from QuickBooks',
    ruleId: 'missing-invoice',
    status: 'open',
    severity: 'medium',
    action: 'diagnostic_review',
    actionLabel: 'Run a diagnostic review',
    pathLine: 'occasional · affects billing → Run a diagnostic review',
    strategic: false,
    findingCount: 1,
    suppressedCount: 0,
    amountAtRiskCents: 41_200,
    locations: [],
    impact: ['billing'],
    topFindings: [{ key: 'invoice:INV-1043', summary: 'Invoice INV-1043 ($412.00) not in QuickBooks after 4 days', amountCents: 41_200 }],
    openedAt: NOW.toISOString(),
    ...overrides,
  };
}

/** A message of an incident's thread: new findings, one line. */
export function aThreadUpdate(incidentId: string, overrides: Partial<ThreadUpdate> = {}): ThreadUpdate {
  return {
    incidentId,
    number: 1,
    purpose: 'new_findings',
    headline: 'New: 1 more invoice missing',
    lines: [{ key: 'invoice:INV-1044', summary: 'Invoice INV-1044 ($95.00) not in QuickBooks after 4 days', amountCents: 9_500 }],
    moreCount: 0,
    severity: 'medium',
    ...overrides,
  };
}
