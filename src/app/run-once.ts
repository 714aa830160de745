// `sync-sentinel run --once`: one poll of every company of the deployment (or of `--company`), each
// with its delivery, then exit. A deployment of one prints exactly what it always has.
import { PollLeaseHeldError } from '../cycle/poll-lease';
import { lowNotPostedLine } from '../notify/render-text';
import { bootDeployment, wireBootedSources } from './boot';
import type { CompanyRuntime } from './deployment';
import type { Env } from './env';
import { createService } from './service';

/** Exit codes: 0 polled, 2 a source failed, 3 another process was polling (nothing done). The worst wins. */
export async function runOnceCommand(
  env: Env,
  opts: { waitMs: number; company?: string | undefined },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  // The console channel prints where the command prints.
  const deployment = await bootDeployment(env, { now: new Date(), logLevel: 'warn', stdout: out });
  try {
    const chosen = opts.company === undefined ? deployment.companies : [deployment.company(opts.company)];
    if (deployment.demo?.created)
      out.write(`Demo company written to ${deployment.demo.dir} — edit a file there and run again to see threads update.\n`);
    let exitCode = 0;
    for (const runtime of chosen) {
      if (deployment.many) out.write(`\n${runtime.config.company.name} (${runtime.id}):`);
      const code = await pollOne(runtime, env, opts.waitMs, out, err);
      exitCode = Math.max(exitCode, code);
    }
    return exitCode;
  } finally {
    await deployment.close();
  }
}

async function pollOne(runtime: CompanyRuntime, env: Env, waitMs: number, out: NodeJS.WritableStream, err: NodeJS.WritableStream) {
  const started = Date.now();
  const built = await wireBootedSources(runtime, env);
  try {
    const service = await createService({
      config: runtime.config,
      loadRules: runtime.loadRules,
      store: runtime.store,
      sources: built.sources,
      channels: runtime.channels,
      log: runtime.log,
      leaseWaitMs: waitMs,
    });
    const ran = await service.runOnce().catch((e: unknown) => {
      if (!(e instanceof PollLeaseHeldError)) throw e;
      // Exit 3: another process is polling this company; nothing was done. Not a failure of this one.
      err.write(`sync-sentinel: ${e.message}\n`);
      return null;
    });
    if (!ran) return 3;
    const { cycle, delivery } = ran;
    const delivered = Object.values(delivery).reduce((n, d) => n + d.delivered, 0);
    const pending = Object.values(delivery).reduce((n, d) => n + d.pending, 0);
    const incidents = new Set(cycle.findings.map((f) => `${f.ruleId}|${f.groupKey}`)).size;
    out.write(
      `\nPoll finished in ${((Date.now() - started) / 1000).toFixed(1)} s: ${built.sources.length} sources, ${cycle.pollRun.recordCount} records, ${cycle.findings.length} findings in ${incidents} incidents; ${delivered} messages delivered${pending ? `, ${pending} waiting to retry` : ''}.\n`,
    );
    for (const [id, line] of Object.entries(cycle.pollRun.sources)) out.write(`  ${id}: ${line}\n`);
    const low = lowNotPostedLine(cycle.lowNotPosted);
    if (low) out.write(`${low}\n`);
    return cycle.pollRun.ok ? 0 : 2;
  } finally {
    await built.close();
  }
}
