// One writer per company: a poll runs under the company's `poll` lease in the store. A second poller
// waits a bounded time, takes over a holder that is gone, or stops with who holds it and until when.
// The lease is renewed while the poll runs; the commit checks its fencing token, so a poll whose lease
// was taken over writes nothing. Leases are wall-clock instants shared by processes, not business time.
import { SentinelError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import type { Lease, StorePort } from '../ports/store';

/**
 * A poll renews every third of this; a holder that died elsewhere is taken over after it. Well under
 * the shortest poll interval (a minute), so a dead instance's companies are taken over on the next tick.
 */
export const POLL_LEASE_TTL_MS = 30_000;

/** The lease's name in the store, one per company. */
export const POLL_LEASE = 'poll';

export interface PollLeaseDeps {
  store: StorePort;
  owner: string;
  isOwnerAlive: (owner: string) => boolean;
  /** How long to wait for another process's poll to finish before giving up. */
  waitMs: number;
  ttlMs?: number;
  wallNow?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Another process is polling the company: `holder` says which one and until when. */
export class PollLeaseHeldError extends SentinelError {
  constructor(readonly holder: Lease) {
    super(
      'poll.lease_held',
      'conflict',
      `Another process (${holder.owner}) is polling company ${holder.companyId}; its lease runs until ${holder.expiresAt}. Nothing was polled.`,
      {
        retryable: true,
      },
    );
  }
}

/** A renewal found this poll's lease taken over: the poll stops before writing anything more. */
export class PollLeaseLostError extends SentinelError {
  constructor(readonly lease: Lease) {
    super(
      'poll.lease_lost',
      'conflict',
      `The poll of company ${lease.companyId} stopped: another process took its lease over (this one was too slow to renew it). Nothing more was written.`,
      { retryable: true },
    );
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquirePollLease(deps: PollLeaseDeps, companyId: string): Promise<Lease> {
  const wallNow = deps.wallNow ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const ttl = deps.ttlMs ?? POLL_LEASE_TTL_MS;
  const deadline = wallNow() + deps.waitMs;
  for (;;) {
    const at = () => new Date(wallNow()).toISOString();
    let attempt = await deps.store.acquireLease(companyId, POLL_LEASE, deps.owner, at(), ttl);
    // A holder that crashed on this machine is taken over at once rather than after its lease runs out.
    if (!attempt.ok && !deps.isOwnerAlive(attempt.holder.owner))
      attempt = await deps.store.acquireLease(companyId, POLL_LEASE, deps.owner, at(), ttl, attempt.holder);
    if (attempt.ok) return attempt.lease;
    const left = deadline - wallNow();
    if (left <= 0) throw new PollLeaseHeldError(attempt.holder);
    await sleep(Math.min(250, left));
  }
}

export interface HeldLease {
  lease: Lease;
  /** True once a renewal found the lease taken over: the poll's commit will be refused. */
  lost(): boolean;
  release(): Promise<void>;
}

/** Keeps the lease alive while a long poll runs, and gives it back when the poll ends. */
export function holdLease(deps: PollLeaseDeps, lease: Lease, log: Logger): HeldLease {
  const wallNow = deps.wallNow ?? Date.now;
  const ttl = deps.ttlMs ?? POLL_LEASE_TTL_MS;
  let lost = false;
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = deps.store
        .renewLease(lease, new Date(wallNow()).toISOString(), ttl)
        .then((renewed) => {
          if (renewed || lost) return;
          lost = true;
          log.warn(
            { company: lease.companyId, token: lease.token },
            'the poll lease was taken over by another process; this poll will not commit',
          );
        })
        .catch((err: Error) => log.warn({ company: lease.companyId, err: err.message }, 'could not renew the poll lease; trying again'));
    },
    Math.max(1_000, Math.floor(ttl / 3)),
  );
  timer.unref();
  return {
    lease,
    lost: () => lost,
    async release() {
      clearInterval(timer);
      await renewing;
      await deps.store.releaseLease(lease);
    },
  };
}
