// The running service: one poll cycle at a time, then delivery of whatever the outbox holds.
import type { Actor } from '../commands/actor';
import { runIncidentCommand, type CommandResult, type IncidentAction } from '../commands/incident-commands';
import type { Config } from '../config/schema';
import { ConfigError } from '../domain/errors';
import { runCycle, type CycleReport } from '../cycle/run-cycle';
import { acquirePollLease, holdLease, PollLeaseHeldError, PollLeaseLostError, type HeldLease } from '../cycle/poll-lease';
import type { Lease } from '../ports/store';
import { drainChannel, recoverInFlight, type DrainResult } from '../notify/deliver';
import type { ChannelPort } from '../ports/channel';
import type { Logger } from '../ports/logger';
import type { SourcePort } from '../ports/source';
import type { StorePort } from '../ports/store';
import type { Rule } from '../rules/schema';
import { isOwnerAlive, newProcessOwner } from './process-owner';

export type RulesLoader = () => Promise<{ ok: true; rules: Rule[] } | { ok: false; errors: string[] }>;

export interface ServiceDeps {
  config: Config;
  loadRules: RulesLoader;
  store: StorePort;
  sources: readonly SourcePort[];
  channels: readonly ChannelPort[];
  log: Logger;
  now?: () => Date;
  /** How long a poll waits for another process's poll of the same company (default 60 s). */
  leaseWaitMs?: number;
  /** The poll lease's time to live (default POLL_LEASE_TTL_MS) and the wall clock leases are stamped with (tests). */
  leaseTtlMs?: number;
  wallNow?: () => number;
}

export type PollResult = { cycle: CycleReport; delivery: Record<string, DrainResult> };

/** A scheduled slot's outcome: polled, or left alone because another process polls it or already did. */
export type SlotOutcome =
  ({ polled: true } & PollResult) | { polled: false; reason: 'held'; holder: Lease } | { polled: false; reason: 'done' };

export const DEFAULT_LEASE_WAIT_MS = 60_000;

export interface Service {
  /** The company this service watches. */
  readonly companyId: string;
  /** Polls once and delivers; resolves with what happened. Never two at once. */
  runOnce(): Promise<PollResult>;
  /**
   * The schedule's poll for the slot that began at `slot`: never waits for another process's poll
   * (held → skipped), and polls only when no poll of the company has started since `slot`, checked
   * under the lease, so instances sharing one database poll each company once per slot.
   */
  pollSlot(slot: Date): Promise<SlotOutcome>;
  deliver(): Promise<Record<string, DrainResult>>;
  /** The chat let the bot back in (invited, reinstalled): send what it held at once, not after backoff. */
  retryHeld(channel: string): Promise<DrainResult | undefined>;
  /** An operator action from chat or the CLI, between polls (never during one), then delivery. */
  command(ref: string | number, action: IncidentAction, actor: Actor): Promise<CommandResult>;
  /** Waits for a running cycle to finish. */
  idle(): Promise<void>;
}

export async function createService(deps: ServiceDeps): Promise<Service> {
  const now = deps.now ?? (() => new Date());
  let rules: Rule[] | undefined;
  let running: Promise<unknown> = Promise.resolve();

  // This process's name on leases and delivery claims: other processes on the same data leave its work alone.
  const owner = newProcessOwner();
  const leaseDeps = {
    store: deps.store,
    owner,
    isOwnerAlive,
    waitMs: deps.leaseWaitMs ?? DEFAULT_LEASE_WAIT_MS,
    ...(deps.leaseTtlMs ? { ttlMs: deps.leaseTtlMs } : {}),
    ...(deps.wallNow ? { wallNow: deps.wallNow } : {}),
  };
  const companyId = deps.config.company.id;

  for (const channel of deps.channels) await recoverInFlight(deps.store, channel, now(), { owner, isOwnerAlive });

  const reloadRules = async (): Promise<Rule[]> => {
    const loaded = await deps.loadRules();
    if (loaded.ok) return (rules = loaded.rules);
    // A broken edit must not stop the watch: keep the last good rules and say why.
    if (rules) {
      deps.log.error({ errors: loaded.errors }, `rules file has errors; keeping the last good rules:\n${loaded.errors.join('\n')}`);
      return rules;
    }
    throw new ConfigError(`The rules do not validate:\n${loaded.errors.join('\n')}`, { setting: 'rules' });
  };

  const drain = (channel: ChannelPort) =>
    drainChannel(deps.store, channel, {
      now,
      owner,
      onError: (item, message) =>
        deps.log.warn({ channel: channel.name, outboxId: item.id, incident: item.incidentId }, `delivery failed, will retry: ${message}`),
    });
  const deliver = async () => {
    const results: Record<string, DrainResult> = {};
    for (const channel of deps.channels) results[channel.name] = await drain(channel);
    return results;
  };

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = running.then(fn, fn);
    running = next.catch(() => undefined);
    return next;
  };

  const poll = async (held: HeldLease): Promise<PollResult> => {
    let cycle: CycleReport;
    try {
      const rulesNow = await reloadRules();
      cycle = await runCycle({
        config: deps.config,
        rules: rulesNow,
        sources: deps.sources,
        // A renewal that found the lease taken over stops the poll at its next write, before the commit.
        store: stopWhenLost(deps.store, held),
        channels: deps.channels.map((c) => c.name),
        now,
        log: deps.log,
        fence: held.lease,
      });
    } finally {
      await held.release();
    }
    deps.log.info(
      {
        company: companyId,
        findings: cycle.findings.length,
        changes: cycle.changes.length,
        planned: cycle.planned,
        lowNotPosted: cycle.lowNotPosted,
        sources: cycle.pollRun.sources,
      },
      'poll finished',
    );
    return { cycle, delivery: await deliver() };
  };

  return {
    companyId,
    // One poller per company: wait for another process's poll, or stop saying who holds the company.
    runOnce: () => serial(async () => poll(holdLease(leaseDeps, await acquirePollLease(leaseDeps, companyId), deps.log))),
    pollSlot: (slot) =>
      serial(async (): Promise<SlotOutcome> => {
        let lease: Lease;
        try {
          lease = await acquirePollLease({ ...leaseDeps, waitMs: 0 }, companyId);
        } catch (err) {
          if (err instanceof PollLeaseHeldError) return { polled: false, reason: 'held', holder: err.holder };
          throw err;
        }
        const held = holdLease(leaseDeps, lease, deps.log);
        const last = await deps.store.lastPollRun(companyId).catch(async (err: unknown) => {
          await held.release();
          throw err;
        });
        if (last && last.startedAt >= slot.toISOString()) {
          await held.release();
          return { polled: false, reason: 'done' };
        }
        return { polled: true, ...(await poll(held)) };
      }),
    deliver: () => serial(deliver),
    retryHeld: (name) =>
      serial(async () => {
        const channel = deps.channels.find((c) => c.name === name);
        if (!channel) return undefined;
        const due = await deps.store.retryHeldNow(name, now().toISOString());
        deps.log.info({ channel: name, held: due }, 'the chat let the bot back in: sending held alerts now');
        return drain(channel);
      }),
    command: (ref, action, actor) =>
      serial(async () => {
        const result = await runIncidentCommand(
          {
            config: deps.config,
            store: deps.store,
            rules: rules ?? (await reloadRules()),
            channels: deps.channels.map((c) => c.name),
            now,
          },
          ref,
          action,
          actor,
        );
        if (result.ok && result.changed) {
          deps.log.info({ incident: result.incident.id, action: action.type, actor: `${actor.platform}:${actor.id}` }, 'operator action');
          await deliver();
        }
        return result;
      }),
    idle: () => running.then(() => undefined),
  };
}

/** The store as a poll writes through it: once the poll's lease is lost, its next write is refused. */
function stopWhenLost(store: StorePort, held: HeldLease): StorePort {
  const writes = new Set<PropertyKey>(['applySourceRead', 'recordSourceFailure', 'commitCycle']);
  return new Proxy(store, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (!writes.has(key)) return fn.bind(target);
      return (...args: unknown[]) => {
        if (held.lost()) throw new PollLeaseLostError(held.lease);
        return fn.apply(target, args);
      };
    },
  });
}
