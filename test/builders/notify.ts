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
    body: { kind: 'thread', update: { incidentId, number: 1, purpose: 'new_findings', headline: `message ${id}`, lines: [], moreCount: 0, severity: 'medium' } },
    createdAt: NOW.toISOString(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: NOW.toISOString(),
    lastError: null,
    ...overrides,
  };
}
