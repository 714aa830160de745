// `sync-sentinel` — the command line. Each command boots what it needs and nothing more.
import { Command, CommanderError } from 'commander';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { IncidentAction } from '../commands/incident-commands';
import { renderAnswerText } from '../commands/render-text';
import { answerStatusQuery } from '../commands/status-answer';
import { parseStatusQuery } from '../commands/status-query';
import { ConfigError, SentinelError } from '../domain/errors';
import { renderProblemsText } from '../notify/channel-health';
import { recordsCsv, recordsOf, recordsText } from '../notify/records-list';
import { parseDuration } from '../rules/values';
import { checkRuleFiles, formatError } from '../rules/check';
import type { Booted } from './boot';
import { readEnv } from './env';
import { rulesToCheck } from './config-file';
import type { InitFlags } from './init/run-init';
import { packageVersion } from './paths';
import { UnknownCompanyError } from './deployment';

/** Which company of a deployment a command is about; optional when the config watches one company. */
const COMPANY_FLAG = '--company <id>';
const COMPANY_HELP = 'the company (its company.id) in a deployment of several';

// Heavy parts (storage, QuickBooks client, sandbox) load only for the commands that need them.
const app = async () => {
  const [{ boot, bootDeployment, wireBootedSources }, { createService }] = await Promise.all([import('./boot'), import('./service')]);
  return { boot, bootDeployment, wireBootedSources, createService };
};

export async function main(argv: string[], env = readEnv()): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('sync-sentinel')
    .description(
      'Watches the sync between your field-service tools and QuickBooks Online, and alerts in a thread when records go missing, late, duplicated or wrong.',
    )
    .version(packageVersion(), '-v, --version', 'print the installed version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('init')
    .description('set up a folder: sync-sentinel.yaml with comments, the rules, a sample export and a sample QuickBooks company')
    .argument('[folder]', 'where to set up (default: this folder)', '.')
    .option('--company <name>', 'the company name, as people in the office say it')
    .option('--time-zone <zone>', 'IANA time zone of the office, e.g. America/Denver')
    .option('--close-day <day>', 'day of the month the books close (1–28)')
    .option('--upstream <kind>', 'where jobs and invoices come from: files, servicetitan, jobber, housecallpro or http')
    .option('-y, --yes', 'ask nothing: take the flags given and the defaults for the rest')
    .option('--force', 'replace an existing sync-sentinel.yaml and the sample files')
    .action(async (folder: string, opts: InitFlags) => {
      const { runInit } = await import('./init/run-init');
      exitCode = await runInit(folder, opts, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, now: new Date() });
    });

  program
    .command('run')
    .description('poll every source once, alert, deliver, and exit')
    .requiredOption('--once', 'run one cycle and exit (the scheduled service is `serve`)')
    .option('--wait <seconds>', 'how long to wait while another process polls the same company (then exit 3)', '60')
    .option(COMPANY_FLAG, 'poll only this company of the deployment (default: every company)')
    .action(async (opts: { wait: string; company?: string }) => {
      const waitSeconds = Number(opts.wait);
      if (!Number.isFinite(waitSeconds) || waitSeconds < 0) {
        process.stderr.write(`--wait takes a number of seconds, e.g. --wait 0 (got "${opts.wait}").\n`);
        exitCode = 1;
        return;
      }
      const { runOnceCommand } = await import('./run-once');
      exitCode = await runOnceCommand(env, { waitMs: waitSeconds * 1000, company: opts.company }, process.stdout, process.stderr);
    });

  program
    .command('serve')
    .description('run on the schedule in the config until stopped (npm start)')
    .action(async () => {
      await (await import('./serve')).serve(env);
    });

  program
    .command('digest')
    .description('the leadership weekly digest: --preview prints it and writes the chart; --send-now posts it to the digest channels')
    .option('--preview', 'print the digest and write the chart PNG; sends nothing')
    .option('--send-now', 'post the digest to the digest channels now')
    .option('--chart <file>', 'where --preview writes the chart PNG (default: <data dir>/digest/)')
    .option('--portfolio', "the owner's portfolio digest over every company: --preview prints it, otherwise it is sent now")
    .option(COMPANY_FLAG, COMPANY_HELP)
    .action(async (opts: { preview?: boolean; sendNow?: boolean; chart?: string; company?: string; portfolio?: boolean }) => {
      if (opts.portfolio) {
        const { portfolioDigestCommand } = await import('./portfolio');
        exitCode = await portfolioDigestCommand(
          env,
          { preview: Boolean(opts.preview), ...(opts.chart ? { chartPath: opts.chart } : {}) },
          process.stdout,
        );
        return;
      }
      if (Boolean(opts.preview) === Boolean(opts.sendNow)) {
        process.stderr.write('sync-sentinel digest: choose one of --preview or --send-now\n');
        exitCode = 1;
        return;
      }
      const [{ boot }, digest] = await Promise.all([import('./boot'), import('./digest')]);
      const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn', company: opts.company });
      try {
        if (opts.preview) {
          await digest.previewDigest(booted, env, { ...(opts.chart ? { chartPath: opts.chart } : {}), out: process.stdout });
        } else {
          const outcomes = await digest.sendDigestNow(booted, env, { out: process.stdout });
          for (const o of outcomes)
            process.stdout.write(`digest → ${o.channel}: ${o.status === 'failed' ? `failed: ${o.error}` : o.status}\n`);
          exitCode = outcomes.some((o) => o.status === 'failed') ? 2 : 0;
        }
      } finally {
        await booted.close();
      }
    });

  const sources = program.command('sources').description('work with the configured sources');
  sources
    .command('test')
    .description('read every configured source once (nothing is stored) and print what it can read')
    .option(COMPANY_FLAG, COMPANY_HELP)
    .action(async (opts: { company?: string }) => {
      const { boot, wireBootedSources } = await app();
      const { testSources } = await import('./sources-test');
      const booted = await boot(env, { now: new Date(), logLevel: 'warn', company: opts.company });
      try {
        const built = await wireBootedSources(booted, env, { keepGoing: true });
        try {
          const checks = await testSources(
            built.sources,
            new Date(),
            built.failed,
            booted.config.sources.map((s) => s.id),
          );
          for (const c of checks) process.stdout.write(`${c.lines.join('\n')}\n`);
          exitCode = checks.every((c) => c.ok) ? 0 : 2;
        } finally {
          await built.close();
        }
      } finally {
        await booted.close();
      }
    });

  program
    .command('connect')
    .description('connect a QuickBooks Online company (OAuth in the browser); stores its tokens encrypted')
    .argument('<system>', 'quickbooks')
    .option('--source <id>', 'the QuickBooks source in the config (default: the first)')
    .option(COMPANY_FLAG, 'the company whose QuickBooks to connect, in a deployment of several (one Intuit app connects every realm)')
    .action(async (system: string, opts: { source?: string; company?: string }) => {
      if (system !== 'quickbooks')
        throw new SentinelError('cli.unknown_system', 'client', `Unknown system "${system}": only \`connect quickbooks\` exists`);
      const [{ boot }, { connectConfiguredQuickbooks }] = await Promise.all([import('./boot'), import('./wire-quickbooks')]);
      const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn', company: opts.company });
      try {
        const s = booted.config.sources.find((x) => x.type === 'quickbooks' && (!opts.source || x.id === opts.source));
        if (!s || s.type !== 'quickbooks')
          throw new ConfigError(
            opts.source ? `No QuickBooks source "${opts.source}" in the config` : 'The config has no QuickBooks source',
            { setting: 'sources' },
          );
        const connected = await connectConfiguredQuickbooks(
          s,
          {
            env,
            baseDir: booted.baseDir,
            storage: booted.storage,
            companyId: booted.config.company.id,
            defaultCountry: booted.config.matching.customer.default_country,
            log: booted.log,
          },
          (line) => process.stdout.write(`${line}\n`),
        );
        const kept = s.sandbox_data
          ? 'A sandbox issues new tokens each run, so none are stored.'
          : `Tokens are stored encrypted in ${booted.storage.where}.`;
        process.stdout.write(`Connected to ${connected.companyName ?? 'QuickBooks'} (company ${connected.realmId}). ${kept}\n`);
      } finally {
        await booted.close();
      }
    });

  program
    .command('rotate-key')
    .description(
      `re-encrypt every stored token with a new SYNC_SENTINEL_SECRET_KEY, reading the old key from SYNC_SENTINEL_OLD_SECRET_KEY (stop the service first)`,
    )
    .action(async () => {
      const [{ bootDeployment }, { rotateStoredKey }] = await Promise.all([import('./boot'), import('./rotate-key')]);
      // Every company's tokens live in the one store of the deployment: one rotation covers them all.
      const deployment = await bootDeployment(env, { now: new Date(), logLevel: 'warn' });
      try {
        process.stdout.write(`${await rotateStoredKey(env, deployment.storage, new Date())}
`);
      } finally {
        await deployment.close();
      }
    });

  program
    .command('migrate')
    .description('bring the configured database up to this version (SQLite also does this whenever it is opened)')
    .action(async () => {
      const { migrateStorage } = await import('./migrate');
      process.stdout.write(`${await migrateStorage(env)}\n`);
    });

  const rules = program.command('rules').description('work with rules files');
  rules
    .command('check')
    .description('validate rules files (default: the rules the config runs with, else the bundled rules/default.yaml)')
    .argument('[files...]', 'rules files or folders')
    .action(async (files: string[]) => {
      const paths = await rulesToCheck(files, env);
      if (!paths.ok) {
        process.stderr.write(`${paths.errors.map(formatError).join('\n')}\n`);
        exitCode = 1;
        return;
      }
      const result = await checkRuleFiles(paths.paths);
      (result.ok ? process.stdout : process.stderr).write(`${result.output}\n`);
      exitCode = result.ok ? 0 : 1;
    });

  program
    .command('status')
    .description(
      'the /sync-status view: health, sources, open incidents (`status help` lists the filters); every company at a glance in a deployment of several',
    )
    .argument('[query...]', 'filters (high, invoices, location:denver), `trace <ref>`, `close` or `help`')
    .option('--json', 'print the answer as JSON')
    .option(COMPANY_FLAG, COMPANY_HELP)
    .action(async (query: string[], opts: { json?: boolean; company?: string }) => {
      const { bootDeployment } = await app();
      const deployment = await bootDeployment(env, { now: new Date(), logLevel: 'warn' });
      try {
        if (deployment.companies.length > 1 && opts.company === undefined && query.length === 0) {
          const [{ glanceAt }, { renderGlanceText }] = await Promise.all([
            import('../commands/status-glance'),
            import('../portfolio/render-text'),
          ]);
          const glance = await glanceAt(deployment.companies, () => new Date());
          process.stdout.write(`${opts.json ? JSON.stringify(glance, null, 2) : renderGlanceText(glance)}\n`);
          exitCode = 0;
          return;
        }
        const booted = deployment.company(opts.company);
        const parsed = parseStatusQuery(query.join(' '));
        const answer = await answerStatusQuery({ config: booted.config, store: booted.store, now: () => new Date() }, parsed);
        const held =
          answer.kind === 'status' && !opts.json ? renderProblemsText(await booted.health.openProblems(booted.config.company.id)) : '';
        process.stdout.write(
          `${held}${opts.json ? JSON.stringify(answer, null, 2) : renderAnswerText(answer, new Date(), 'sync-sentinel status')}\n`,
        );
        exitCode = answer.kind === 'unknown' ? 1 : 0;
      } finally {
        await deployment.close();
      }
    });

  const act = (name: string, description: string, args: string[], toAction: (values: string[]) => IncidentAction | string) =>
    program
      .command(`${name} <incident> ${args.join(' ')}`.trim())
      .description(description)
      .option(COMPANY_FLAG, COMPANY_HELP)
      .action(async (incident: string, ...rest: unknown[]) => {
        const values = rest.slice(0, args.length).map((v) => (Array.isArray(v) ? v.join(' ') : String(v)));
        const { company } = rest[args.length] as { company?: string };
        const action = toAction(values);
        if (typeof action === 'string') {
          process.stderr.write(`${action}\n`);
          exitCode = 1;
          return;
        }
        const { boot, createService } = await app();
        const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn', company });
        try {
          const service = await createService({
            config: booted.config,
            loadRules: booted.loadRules,
            store: booted.store,
            sources: [],
            channels: booted.channels,
            log: booted.log,
          });
          const user = os.userInfo().username;
          const result = await service.command(incident, action, { platform: 'cli', id: user, name: user });
          (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
          exitCode = result.ok ? 0 : 1;
        } finally {
          await booted.close();
        }
      });
  act('ack', 'acknowledge an incident (by number, e.g. 12): reminders stop, the alert keeps updating', [], () => ({ type: 'acknowledge' }));
  act('snooze', 'snooze an incident for a while (30m, 1d, 1w)', ['<for>'], ([text]) => {
    const forMs = parseDuration(text ?? '');
    return forMs === undefined ? `"${text}" is not a duration — write e.g. 4h, 1d or 1w.` : { type: 'snooze', forMs };
  });
  act('cause', 'record the root cause of an incident; it re-classifies at once', ['<text...>'], ([text]) => ({
    type: 'root_cause',
    text: text ?? '',
  }));

  program
    .command('records')
    .description('every record of an incident (by number, e.g. 12), biggest amounts first; --csv writes them as CSV')
    .argument('<incident>', 'the incident number (#12 or 12)')
    .option('--csv [file]', 'write CSV to the file (or to stdout when no file is named)')
    .option(COMPANY_FLAG, COMPANY_HELP)
    .action(async (ref: string, opts: { csv?: string | boolean; company?: string }) => {
      const { boot } = await app();
      const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn', company: opts.company });
      try {
        const wanted = /^#?\d+$/.test(ref.trim()) ? Number(ref.trim().replace('#', '')) : ref.trim();
        const incident = await booted.store.loadIncident(booted.config.company.id, wanted);
        if (!incident) {
          process.stderr.write(
            `There is no incident ${typeof wanted === 'number' ? `#${wanted}` : `"${wanted}"`}. \`sync-sentinel status\` lists the open ones.\n`,
          );
          exitCode = 1;
          return;
        }
        const list = recordsOf(incident);
        const zone = booted.config.company.time_zone;
        if (typeof opts.csv === 'string') {
          writeFileSync(opts.csv, recordsCsv(list, zone));
          process.stdout.write(
            `Wrote ${list.rows.length} ${list.rows.length === 1 ? 'record' : 'records'} of #${list.number} to ${opts.csv}\n`,
          );
        } else {
          process.stdout.write(opts.csv ? recordsCsv(list, zone) : `${recordsText(list, zone)}\n`);
        }
        exitCode = 0;
      } finally {
        await booted.close();
      }
    });

  const teams = program.command('teams').description('Microsoft Teams');
  teams
    .command('package')
    .description('write the Teams app package (manifest and icons) to upload in Teams → Apps → Manage your apps')
    .option('-o, --out <file>', 'where to write the zip', 'sync-sentinel-teams.zip')
    .action(async (opts: { out: string }) => {
      const { writeTeamsPackage } = await import('./teams-package');
      const written = await writeTeamsPackage(env, opts.out);
      process.stdout.write(`${written}\n`);
    });

  program
    .command('trace')
    .description('the chain job → invoice → QuickBooks invoice → payment for one job, invoice or payment, with amounts and open incidents')
    .argument('<ref...>', 'job number, invoice number, payment reference (check number) or record id')
    .option(COMPANY_FLAG, COMPANY_HELP)
    .action(async (words: string[], opts: { company?: string }) => {
      const ref = words.join(' ');
      const { boot } = await app();
      const booted: Booted = await boot(env, { now: new Date(), logLevel: 'warn', company: opts.company });
      try {
        const answer = await answerStatusQuery(
          { config: booted.config, store: booted.store, now: () => new Date() },
          { kind: 'trace', ref, public: false },
        );
        process.stdout.write(`${renderAnswerText(answer, new Date())}\n`);
        exitCode = answer.kind === 'trace' && answer.trace.chains.length > 0 ? 0 : 1;
      } finally {
        await booted.close();
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError || err instanceof UnknownCompanyError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    process.stderr.write(`sync-sentinel: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  return exitCode;
}
