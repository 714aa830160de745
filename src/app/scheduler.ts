// node-cron drives each company's poll in its own time zone. A tick offers the company's slot to the
// process's poll queue (a bounded number of polls at a time, oldest slot first); the poll itself
// skips when another instance holds the company or already polled it in the slot (Service.pollSlot),
// so every instance can tick every company and each company is still polled once per slot.
import cron from 'node-cron';
import { ConfigError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import { createPollQueue } from './poll-queue';
import type { Service } from './service';

export interface Schedule {
  /** Offers every company's poll now (the poll at start-up), as a slot that begins at `slot`. */
  pollAll(slot: Date): Promise<void>;
  stop(): Promise<void>;
}

export interface ScheduledCompany {
  service: Service;
  /** node-cron expression, in `timeZone`. */
  expression: string;
  timeZone: string;
  /** What follows a poll that ran (chat platforms refreshing App Home). */
  afterPoll?: () => Promise<void>;
}

export function startSchedule(companies: readonly ScheduledCompany[], opts: { maxConcurrent: number; log: Logger }): Schedule {
  const { log } = opts;
  for (const c of companies)
    if (!cron.validate(c.expression))
      throw new ConfigError(`schedule.poll "${c.expression}" is not a cron expression — e.g. "*/5 * * * *" for every five minutes`, {
        setting: 'schedule.poll',
      });
  const byId = new Map(companies.map((c) => [c.service.companyId, c]));
  const queue = createPollQueue({
    maxConcurrent: opts.maxConcurrent,
    async run(companyId, slot) {
      const c = byId.get(companyId);
      if (!c) return;
      try {
        const outcome = await c.service.pollSlot(slot);
        if (outcome.polled) await c.afterPoll?.();
        else if (outcome.reason === 'held')
          log.info(
            { company: companyId, holder: outcome.holder.owner, until: outcome.holder.expiresAt },
            'another process is polling this company; skipping this tick',
          );
      } catch (err) {
        log.error(
          { company: companyId, err: err instanceof Error ? err.message : String(err) },
          'poll failed; the next one runs on schedule',
        );
      }
    },
  });
  const tasks = companies.map((c) =>
    cron.schedule(c.expression, (ctx) => queue.offer(c.service.companyId, slotOf(ctx.date)), {
      timezone: c.timeZone,
      name: `poll:${c.service.companyId}`,
    }),
  );
  // Delivery retries between polls, so a chat outage that ends is caught up without waiting for a poll.
  const retry = setInterval(() => {
    for (const c of companies) void c.service.deliver().catch(() => undefined);
  }, 15_000);
  retry.unref();
  return {
    async pollAll(slot) {
      for (const c of companies) queue.offer(c.service.companyId, slot);
      await queue.idle();
    },
    async stop() {
      clearInterval(retry);
      await Promise.all(tasks.map((t) => t.stop()));
      await queue.close();
      await Promise.all(companies.map((c) => c.service.idle()));
    },
  };
}

/** The slot a tick belongs to: its scheduled second, so instances whose timers fire a little apart agree. */
export function slotOf(scheduled: Date): Date {
  return new Date(Math.floor(scheduled.getTime() / 1000) * 1000);
}
