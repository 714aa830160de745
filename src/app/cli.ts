// `sync-sentinel` — the command line. Each command boots what it needs and nothing more.
import { Command, CommanderError } from 'commander';
import { formatCents } from '../domain/money';
import { buildStatusView } from '../status/status-view';
import { renderStatusText } from '../status/render-status';
import { renderTrace, traceRef } from '../status/trace-view';
import { reconcile } from '../trace/reconcile';
import { checkRuleFiles } from '../rules/check';
import type { Booted } from './boot';
import { readEnv } from './env';
import { DEFAULT_RULES } from './paths';

// Heavy parts (storage, QuickBooks client, sandbox) load only for the commands that need them.
const app = async () => {
  const [{ boot, bootSources }, { createService }, { startSchedule }] = await Promise.all([import('./boot'), import('./service'), import('./scheduler')]);
  return { boot, bootSources, createService, startSchedule };
};

export async function main(argv: string[], env = readEnv()): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('sync-sentinel')
    .description('Watches the sync between your field-service tools and QuickBooks Online, and alerts in a thread when records go missing, late, duplicated or wrong.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('run')
    .description('poll every source once, alert, deliver, and exit')
    .requiredOption('--once', 'run one cycle and exit (the scheduled service is `serve`)')
    .action(async () => {
      const started = Date.now();
      const { boot, bootSources, createService } = await app();
      const booted = await boot(env, { now: new Date(), logLevel: 'warn' });
      const built = await bootSources(booted, env);
      try {
        if (booted.demo?.created) process.stdout.write(`Demo company written to ${booted.demo.dir} — edit a file there and run again to see threads update.\n`);
        const service = await createService({ config: booted.config, loadRules: booted.loadRules, store: booted.store, sources: built.sources, channels: booted.channels, log: booted.log });
        const { cycle, delivery } = await service.runOnce();
        const delivered = Object.values(delivery).reduce((n, d) => n + d.delivered, 0);
        const pending = Object.values(delivery).reduce((n, d) => n + d.pending, 0);
        const incidents = new Set(cycle.findings.map((f) => `${f.ruleId}|${f.groupKey}`)).size;
        process.stdout.write(
          `\nPoll finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${built.sources.length} sources, ${cycle.pollRun.recordCount} records, ${cycle.findings.length} findings in ${incidents} incidents; ${delivered} messages delivered${pending ? `, ${pending} waiting to retry` : ''}.\n`,
        );
        for (const [id, line] of Object.entries(cycle.pollRun.sources)) process.stdout.write(`  ${id}: ${line}\n`);
        exitCode = cycle.pollRun.ok ? 0 : 2;
      } finally {
        await built.close();
        await booted.close();
      }
    });

  program
    .command('serve')
    .description('run on the schedule in the config until stopped (npm start)')
    .action(async () => {
      const { boot, bootSources, createService, startSchedule } = await app();
      const booted = await boot(env, { now: new Date(), logLevel: 'info' });
      const built = await bootSources(booted, env);
      const service = await createService({ config: booted.config, loadRules: booted.loadRules, store: booted.store, sources: built.sources, channels: booted.channels, log: booted.log });
      // Signals are caught from the start, so a stop during the first poll still shuts down cleanly.
      const stopped = new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      booted.log.info({ schedule: booted.config.schedule.poll, timeZone: booted.config.company.time_zone, sources: built.sources.map((s) => s.id) }, 'sync-sentinel started');
      void service.runOnce().catch((err: Error) => booted.log.error({ err: err.message }, 'first poll failed'));
      const schedule = startSchedule(service, booted.config.schedule.poll, booted.config.company.time_zone, booted.log);
      const signal = await stopped;
      booted.log.info({ signal }, 'stopping: finishing the current poll; undelivered alerts stay in the outbox');
      await schedule.stop();
      await built.close();
      await booted.close();
    });

  const sources = program.command('sources').description('work with the configured sources');
  sources
    .command('test')
    .description('read every configured source once (nothing is stored) and print what it can read')
    .action(async () => {
      const { boot, bootSources } = await app();
      const { testSources } = await import('./sources-test');
      const booted = await boot(env, { now: new Date(), logLevel: 'warn' });
      try {
        const built = await bootSources(booted, env);
        try {
          const checks = await testSources(built.sources, new Date());
          for (const c of checks) process.stdout.write(`${c.lines.join('\n')}\n`);
          exitCode = checks.every((c) => c.ok) ? 0 : 2;
        } finally {
          await built.close();
        }
      } finally {
        await booted.close();
      }
    });

  const rules = program.command('rules').description('work with rules files');
  rules
    .command('check')
    .description('validate rules files (default: the bundled rules/default.yaml)')
    .argument('[files...]', 'rules files or folders')
    .action(async (files: string[]) => {
      const result = await checkRuleFiles(files.length > 0 ? files : [DEFAULT_RULES]);
      (result.ok ? process.stdout : process.stderr).write(`${result.output}\n`);
      exitCode = result.ok ? 0 : 1;
    });

  program
    .command('status')
    .description('the /sync-status view: health, sources, open incidents')
    .option('--json', 'print open incidents as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { boot } = await app();
      const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn' });
      try {
        const companyId = booted.config.company.id;
        const view = buildStatusView(await booted.store.loadIncidents(companyId), await booted.store.loadSourceHealth(companyId), await booted.store.lastPollRun(companyId));
        process.stdout.write(opts.json ? `${JSON.stringify({ health: view.health, moneyAtRisk: formatCents(view.moneyAtRiskCents), incidents: view.incidents }, null, 2)}\n` : `${renderStatusText(view, new Date())}\n`);
      } finally {
        await booted.close();
      }
    });

  program
    .command('trace')
    .description('the chain job → invoice → QuickBooks invoice → payment for one job or invoice number')
    .argument('<ref>', 'job number, invoice number or record id')
    .action(async (ref: string) => {
      const { boot } = await app();
      const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn' });
      try {
        const recon = reconcile(await booted.store.loadRecords(booted.config.company.id), booted.config.matching);
        const result = traceRef(recon, ref);
        process.stdout.write(`${renderTrace(result)}\n`);
        exitCode = result.chains.length > 0 ? 0 : 1;
      } finally {
        await booted.close();
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof Error && err.name === 'ConfigError') {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    process.stderr.write(`sync-sentinel: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  return exitCode;
}
