// A poll in `serve` and an operator command in another process (`sync-sentinel ack 12`) share one
// SQLite file. The poll computes its change from what it loaded before the command landed; its
// commit must not undo the acknowledgement or the root cause, and must still win where it moved on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../adapters/storage/sqlite-store';
import { COMPANY, aChange, aCycle, anEvent, anIncident, anIncidentFinding, anOpening, at, tempStores } from './builders';

describe('a poll commit racing an operator command from another process', () => {
  let stores: ReturnType<typeof tempStores>;
  let poller: SqliteStore;
  let cli: SqliteStore;
  beforeEach(() => {
    stores = tempStores();
    poller = stores.open('shared.db');
    cli = stores.open('shared.db');
  });
  afterEach(() => stores.cleanup());

  const f1 = anIncidentFinding('late:INV-1');
  const f2 = anIncidentFinding('late:INV-2', { firstSeenAt: at(5), lastSeenAt: at(5) });
  const opened = anIncident({ findings: [f1] });

  it('keeps an acknowledgement and a root cause made after the poll loaded the incident', async () => {
    await poller.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));
    const loadedByPoll = (await poller.loadIncident(COMPANY, opened.id))!;

    const acked = {
      ...loadedByPoll,
      status: 'acknowledged' as const,
      acknowledgedBy: 'Dana Ortiz',
      rootCause: { text: 'price book item unmapped', by: 'operator' as const, actor: 'Dana Ortiz', at: at(3) },
      changedAt: at(3),
    };
    await cli.commitCommand(
      COMPANY,
      aChange(loadedByPoll, acked, { events: [anEvent(acked, { type: 'acknowledged', actor: 'Dana Ortiz', at: at(3) })] }),
      [],
      [],
    );

    // The poll found a second late invoice, working from its stale copy.
    const pollAfter = { ...loadedByPoll, findings: [f1, f2], changedAt: at(5) };
    await poller.commitCycle(
      COMPANY,
      aCycle({
        changes: [aChange(loadedByPoll, pollAfter, { added: [f2], events: [anEvent(pollAfter, { type: 'findings_added', at: at(5) })] })],
      }),
    );

    const stored = (await cli.loadIncident(COMPANY, opened.id))!;
    expect(stored).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Dana Ortiz', rootCause: { text: 'price book item unmapped' } });
    expect(stored.findings.map((f) => f.key)).toEqual(['late:INV-1', 'late:INV-2']);
    expect((await cli.loadIncidentEvents(COMPANY, opened.id)).map((e) => e.type)).toEqual(['opened', 'acknowledged', 'findings_added']);
  });

  it('still lets the poll resolve an incident someone acknowledged meanwhile', async () => {
    await poller.commitCycle(COMPANY, aCycle({ changes: [anOpening(opened)] }));
    const loadedByPoll = (await poller.loadIncident(COMPANY, opened.id))!;
    const acked = { ...loadedByPoll, status: 'acknowledged' as const, acknowledgedBy: 'Dana Ortiz' };
    await cli.commitCommand(COMPANY, aChange(loadedByPoll, acked), [], []);

    const resolved = { ...loadedByPoll, status: 'resolved' as const, resolvedAt: at(10), findings: [{ ...f1, resolvedAt: at(10) }] };
    await poller.commitCycle(
      COMPANY,
      aCycle({ changes: [aChange(loadedByPoll, resolved, { resolved: [{ ...f1, resolvedAt: at(10) }] })] }),
    );

    expect(await cli.loadIncident(COMPANY, opened.id)).toMatchObject({ status: 'resolved', resolvedAt: at(10) });
  });
});
