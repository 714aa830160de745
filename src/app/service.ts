// The running service: one poll cycle at a time, then delivery of whatever the outbox holds.
import type { Actor } from '../commands/actor';
import { runIncidentCommand, type CommandResult, type IncidentAction } from '../commands/incident-commands';
import type { Config } from '../config/schema';
import { ConfigError } from '../domain/errors';
import { runCycle, type CycleReport } from '../cycle/run-cycle';
import { acquirePollLease, holdLease } from '../cycle/poll-lease';
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
}

export const DEFAULT_LEASE_WAIT_MS = 60_000;

export interface Service {
  /** Polls once and delivers; resolves with what happened. Never two at once. */
  runOnce(): Promise<{ cycle: CycleReport; delivery: Record<string, DrainResult> }>;
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
  const leaseDeps = { store: deps.store, owner, isOwnerAlive, waitMs: deps.leaseWaitMs ?? DEFAULT_LEASE_WAIT_MS };

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

  return {
    runOnce: () =>
      serial(async () => {
        const rulesNow = await reloadRules();
        // One poller per company: wait for another process's poll, or stop saying who holds the company.
        const held = holdLease(leaseDeps, await acquirePollLease(leaseDeps, deps.config.company.id), deps.log);
        let cycle: CycleReport;
        try {
          cycle = await runCycle({
            config: deps.config,
            rules: rulesNow,
            sources: deps.sources,
            store: deps.store,
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
            findings: cycle.findings.length,
            changes: cycle.changes.length,
            planned: cycle.planned,
            lowNotPosted: cycle.lowNotPosted,
            sources: cycle.pollRun.sources,
          },
          'poll finished',
        );
        return { cycle, delivery: await deliver() };
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
