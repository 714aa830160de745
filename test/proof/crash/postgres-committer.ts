// A child process for postgres-commits.test.ts: polls one company on Postgres as `serve` would (poll
// lease, decision state, a commit fenced by the lease and based on the revision it read), opening one
// incident per commit with its outbox items, notify state and poll run, and drains the outbox. Prints
// `committed <number>` after each commit returns, until it is killed.
import { openPostgresStorage } from '../../../adapters/storage/postgres/open-storage';
import { SentinelError } from '../../../src/domain/errors';
import type { Lease } from '../../../src/ports/store';
import { aCycle, aDraft, aNotifyState, aPollRun, anIncident, anIncidentFinding, anOpening } from '../../adapters/storage/builders';

const [url, owner] = process.argv.slice(2) as [string, string];
const COMPANY = 'proof-pg';
const TTL_MS = 1_500;

const storage = await openPostgresStorage(url, { poolMax: 2 });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let lease: Lease | null = null;

for (;;) {
  const now = new Date().toISOString();
  if (!lease) {
    const attempt = await storage.store.acquireLease(COMPANY, 'poll', owner, now, TTL_MS);
    if (!attempt.ok) {
      await pause(50);
      continue;
    }
    lease = attempt.lease;
  } else {
    lease = await storage.store.renewLease(lease, now, TTL_MS);
    if (!lease) continue;
  }
  const state = await storage.store.loadDecisionState(COMPANY);
  const number = state.nextNumber;
  const incident = anIncident({
    id: `inc-${number}`,
    number,
    companyId: COMPANY,
    groupKey: `group-${number}`,
    findings: [anIncidentFinding(`late:INV-${number}`)],
  });
  const drafts = ['post_parent', 'reply'].map((op) =>
    aDraft({ companyId: COMPANY, incidentId: incident.id, channel: 'ops', op: op as 'post_parent' | 'reply', createdAt: now }),
  );
  try {
    await storage.store.commitCycle(
      COMPANY,
      aCycle({
        pollRun: aPollRun({ companyId: COMPANY, startedAt: now, finishedAt: now }),
        changes: [
          {
            ...anOpening(incident),
            events: [{ incidentId: incident.id, companyId: COMPANY, at: now, type: 'opened', actor: owner, data: {} }],
          },
        ],
        outbox: drafts,
        notifyState: [aNotifyState({ companyId: COMPANY, incidentId: incident.id, channel: 'ops' })],
        basis: state.revision,
        fence: lease,
      }),
    );
    process.stdout.write(`committed ${number}\n`);
  } catch (err) {
    if (!(err instanceof SentinelError) || !['store.lease_lost', 'store.stale_decision'].includes(err.code)) throw err;
    lease = null;
  }
  for (const item of await storage.store.claimDeliveries('ops', now, 5, { owner, until: new Date(Date.now() + 30_000).toISOString() })) {
    await storage.store.markDelivered(item.id, now);
  }
}
