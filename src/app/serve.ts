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
    const [{ bootDeployment, wireBootedSources }, { createService }, { startSchedule, slotOf }, { serveChats }, { startDigestSchedule }] =
      await Promise.all([import('./boot'), import('./service'), import('./scheduler'), import('./serve-chats'), import('./digest')]);
    const deployment = await bootDeployment(env, { now: new Date(), logLevel: 'info' });
    closers.push(() => deployment.close());
    const log = deployment.log;
    const running = [];
    const routes = [];
    for (const runtime of deployment.companies) {
      const built = await wireBootedSources(runtime, env, { listen: true });
      closers.push(() => built.close());
      const service = await createService({
        config: runtime.config,
        loadRules: runtime.loadRules,
        store: runtime.store,
        sources: built.sources,
        channels: runtime.channels,
        log: runtime.log,
      });
      running.push({ runtime, service });
      // Several companies share one webhook listener: each company's routes sit under its id.
      for (const r of built.routes ?? []) routes.push(deployment.many ? { ...r, path: `/${runtime.id}${r.path}` } : r);
      log.info(
        {
          company: runtime.id,
          schedule: runtime.config.schedule.poll,
          timeZone: runtime.config.company.time_zone,
          sources: built.sources.map((s) => s.id),
        },
        'sync-sentinel started',
      );
    }
    const chats = await serveChats(running);
    closers.push(() => chats.stop());
    const digests: Array<{ catchUp(): Promise<void>; stop(): Promise<void> }> = running.map(({ runtime }) =>
      startDigestSchedule(runtime, env, runtime.log),
    );
    closers.push(async () => Promise.all(digests.map((d) => d.stop())));
    // The owner's portfolio digest, when the deployment has one with somewhere to post it; stopped with the company digests.
    if (deployment.portfolio && deployment.portfolio.channels.length > 0) {
      const [{ startPortfolioSchedule }, { newProcessOwner }] = await Promise.all([
        import('./portfolio-schedule'),
        import('./process-owner'),
      ]);
      const portfolio = await startPortfolioSchedule(deployment, env, { owner: newProcessOwner(), log });
      digests.push(portfolio);
    }
    const schedule = startSchedule(
      running.map(({ runtime, service }) => ({
        service,
        expression: runtime.config.schedule.poll,
        timeZone: runtime.config.company.time_zone,
        afterPoll: () => chats.afterPoll(),
      })),
      { maxConcurrent: deployment.instance.max_concurrent_polls, log },
    );
    closers.push(() => schedule.stop());
    // Every company is polled at start (unless another instance polled it this second); a digest (a
    // company's or the portfolio's) missed while the service was down goes out after that poll, not on stale data.
    void schedule
      .pollAll(slotOf(new Date()))
      .then(() => Promise.all(digests.map((d) => d.catchUp())))
      .catch((err: Error) => log.error({ err: err.message }, 'weekly digest catch-up failed'));
    if (routes.length > 0) {
      const first = deployment.companies[0]!.config;
      const hooks = await (await import('./webhook-listener')).startWebhookListener(routes, { ...first.webhooks, log });
      closers.push(() => hooks.close());
    }
    const signal = await stopped;
    log.info({ signal }, 'stopping: finishing the current poll; undelivered alerts stay in the outbox');
  } finally {
    await closeAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
