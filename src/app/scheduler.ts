// node-cron drives the poll in the company's time zone. Overlap is impossible twice over: node-cron's
// noOverlap skips a tick while the last one runs, and the service serialises cycles itself.
import cron from 'node-cron';
import { PollLeaseHeldError } from '../cycle/poll-lease';
import { ConfigError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import type { Service } from './service';

export interface Schedule {
  stop(): Promise<void>;
}

export function startSchedule(service: Service, expression: string, timeZone: string, log: Logger): Schedule {
  if (!cron.validate(expression))
    throw new ConfigError(`schedule.poll "${expression}" is not a cron expression — e.g. "*/5 * * * *" for every five minutes`, {
      setting: 'schedule.poll',
    });
  const task = cron.schedule(
    expression,
    async () => {
      try {
        await service.runOnce();
      } catch (err) {
        if (err instanceof PollLeaseHeldError) {
          log.info(
            { holder: err.holder.owner, until: err.holder.expiresAt },
            'another process is polling this company; skipping this tick',
          );
          return;
        }
        log.error({ err: err instanceof Error ? err.message : String(err) }, 'poll failed; the next one runs on schedule');
      }
    },
    { timezone: timeZone, noOverlap: true, name: 'poll' },
  );
  // Delivery retries between polls, so a chat outage that ends is caught up without waiting for a poll.
  const retry = setInterval(() => void service.deliver().catch(() => undefined), 15_000);
  retry.unref();
  return {
    async stop() {
      clearInterval(retry);
      await task.stop();
      await service.idle();
    },
  };
}
