// `sync-sentinel serve`: everything the long-running service starts, stopped in reverse order on
// SIGINT or SIGTERM. A second Ctrl-C while it finishes the current poll stops at once; a start-up
// step that fails closes what was already started, so a failed start never leaves a process that
// keeps a port open and ignores Ctrl-C.
import type { Env } from './env';

type Closer = () => Promise<unknown>;

export async function serve(env: Env): Promise<void> {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    let signals = 0;
    onSignal = (signal) => {
      if (++signals > 1) {
        process.stderr.write(`sync-sentinel: ${signal} again — stopping now; undelivered alerts stay in the outbox\n`);
        process.exit(130);
      }
      resolve(signal);
    };
  });
  // Signals are caught from the start, so a stop during start-up or the first poll still shuts down.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const closers: Closer[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const [{ boot, wireBootedSources }, { createService }, { startSchedule }] = await Promise.all([
      import('./boot'),
      import('./service'),
      import('./scheduler'),
    ]);
    const booted = await boot(env, { now: new Date(), logLevel: 'info' });
    closers.push(() => booted.close());
    const built = await wireBootedSources(booted, env, { listen: true });
    closers.push(() => built.close());
    const service = await createService({
      config: booted.config,
      loadRules: booted.loadRules,
      store: booted.store,
      sources: built.sources,
      channels: booted.channels,
      log: booted.log,
    });
    const chats = await (await import('./serve-chats')).serveChats(booted, service);
    closers.push(() => chats.stop());
    booted.log.info(
      { schedule: booted.config.schedule.poll, timeZone: booted.config.company.time_zone, sources: built.sources.map((s) => s.id) },
      'sync-sentinel started',
    );
    const watched = chats.service;
    const digest = (await import('./digest')).startDigestSchedule(booted, env, booted.log);
    closers.push(() => digest.stop());
    // A digest missed while the service was down goes out after the first poll, not on stale data.
    void watched
      .runOnce()
      .catch((err: Error) => booted.log.error({ err: err.message }, 'first poll failed'))
      .then(() => digest.catchUp())
      .catch((err: Error) => booted.log.error({ err: err.message }, 'weekly digest catch-up failed'));
    const schedule = startSchedule(watched, booted.config.schedule.poll, booted.config.company.time_zone, booted.log);
    closers.push(() => schedule.stop());
    if (built.routes?.length) {
      const hooks = await (
        await import('./webhook-listener')
      ).startWebhookListener(built.routes, { ...booted.config.webhooks, log: booted.log });
      closers.push(() => hooks.close());
    }
    const signal = await stopped;
    booted.log.info({ signal }, 'stopping: finishing the current poll; undelivered alerts stay in the outbox');
  } finally {
    await closeAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
