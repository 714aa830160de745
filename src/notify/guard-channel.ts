// Wraps any ChannelPort: a refusal only a person can fix (ChannelProblemError) opens a channel
// problem, once, with notices to every other channel; the next delivery that goes through resolves
// it. The alert itself stays in the outbox and is retried by the delivery worker as usual.
import type { ChannelPort } from '../ports/channel';
import type { ChannelHealthStore } from '../ports/channel-health';
import type { Logger } from '../ports/logger';
import { ChannelProblemError, planProblemOpened, planProblemResolved } from './channel-health';

export interface GuardDeps {
  health: ChannelHealthStore;
  /** Every configured channel name (notices go to the others). */
  channels: readonly string[];
  now: () => Date;
  log: Logger;
}

export function guardChannel(inner: ChannelPort, deps: GuardDeps): ChannelPort {
  // Unknown at start: the first successful delivery checks once whether a problem was left open.
  let problemOpen: boolean | undefined;
  const guarded: ChannelPort = {
    name: inner.name,
    async deliver(item, thread) {
      try {
        const receipt = await inner.deliver(item, thread);
        if (problemOpen !== false) {
          const at = deps.now().toISOString();
          const fixed = await deps.health.resolveProblem(item.companyId, inner.name, at, (p, told) => planProblemResolved(p, told, at));
          if (fixed)
            deps.log.info({ channel: inner.name, kind: fixed.kind }, `channel "${inner.name}" delivers again; held alerts are going out`);
          problemOpen = false;
        }
        return receipt;
      } catch (err) {
        if (err instanceof ChannelProblemError) {
          const at = deps.now().toISOString();
          const { opened } = await deps.health.reportProblem({ companyId: item.companyId, channel: inner.name, at, ...err.problem }, (p) =>
            planProblemOpened(p, deps.channels, at),
          );
          problemOpen = true;
          if (opened)
            deps.log.error(
              { channel: inner.name, kind: err.problem.kind },
              `alerts to channel "${inner.name}" are held: ${err.problem.summary} — ${err.problem.fix}`,
            );
        }
        throw err;
      }
    },
  };
  if (inner.findDelivered) guarded.findDelivered = (item, thread) => inner.findDelivered!(item, thread);
  if (inner.close) guarded.close = () => inner.close!();
  return guarded;
}
