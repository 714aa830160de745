// The only place that knows every source integration: config in, source ports out.
import type { Config } from '../config/schema';
import type { Logger } from '../ports/logger';
import type { SourcePort } from '../ports/source';
import type { Storage } from '../ports/storage';
import { createFilesSource } from '../../adapters/files/source';
import type { WebhookRoute } from '../../adapters/jobber/webhook';
import { wireUpstreamSource } from './wire-upstream';
import type { Env } from './env';
import { wireQuickbooksSource } from './wire-quickbooks';

export interface WiredSources {
  sources: SourcePort[];
  /** `keepGoing` only: sources that could not even be set up (a missing credential), in config order. */
  failed: SourceSetupFailure[];
  /** Upstream webhook routes (Jobber) to mount on the service's HTTP listener. */
  routes?: WebhookRoute[];
  close(): Promise<void>;
}

export interface SourceSetupFailure {
  id: string;
  displayName: string;
  error: unknown;
}

export interface BuildOptions {
  /** The deployment's storage: the QuickBooks token vault, webhook queue and connector tokens live there too. */
  storage: Storage;
  log?: Logger;
  /** Start listeners (QuickBooks webhooks): `serve` only. */
  listen?: boolean;
  /** `sources test`: a source that cannot be set up is reported in `failed`; the others are still built. */
  keepGoing?: boolean;
}

export async function wireSources(config: Config, env: Env, baseDir: string, opts: BuildOptions): Promise<WiredSources> {
  const closers: Array<{ close(): Promise<void> }> = [];
  const sources: SourcePort[] = [];
  const routes: WebhookRoute[] = [];
  const failed: SourceSetupFailure[] = [];
  const build = async (s: Config['sources'][number]) => {
    if (s.type === 'files') {
      sources.push(
        createFilesSource(s, { baseDir, timeZone: config.company.time_zone, defaultCountry: config.matching.customer.default_country }),
      );
      return;
    }
    if (s.type === 'quickbooks') {
      const qbo = await wireQuickbooksSource(s, {
        env,
        baseDir,
        storage: opts.storage,
        companyId: config.company.id,
        defaultCountry: config.matching.customer.default_country,
        ...(opts.log ? { log: opts.log } : {}),
        ...(opts.listen ? { listen: true } : {}),
      });
      closers.push(qbo);
      sources.push(qbo.source);
      return;
    }
    const built = await wireUpstreamSource(s, config, env, baseDir, { storage: opts.storage });
    closers.push(built);
    sources.push(built.source);
    routes.push(...built.routes);
  };
  try {
    for (const s of config.sources) {
      if (!opts.keepGoing) {
        await build(s);
        continue;
      }
      await build(s).catch((error: unknown) => failed.push({ id: s.id, displayName: s.name ?? s.type, error }));
    }
  } catch (err) {
    await Promise.all(closers.map((x) => x.close()));
    throw err;
  }
  return {
    sources,
    failed,
    routes,
    async close() {
      await Promise.all(sources.map((s) => s.close?.()));
      await Promise.all(closers.map((x) => x.close()));
    },
  };
}
