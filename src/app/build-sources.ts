// The only place that knows every source integration: config in, source ports out.
import type { Config } from '../config/schema';
import type { Logger } from '../ports/logger';
import type { SourcePort } from '../ports/source';
import { createFilesSource } from '../../adapters/files/source';
import type { WebhookRoute } from '../../adapters/jobber/webhook';
import { buildUpstreamSource } from './build-upstream';
import type { Env } from './env';
import { buildQuickbooksSource } from './quickbooks-wiring';

export interface BuiltSources {
  sources: SourcePort[];
  /** Upstream webhook routes (Jobber) to mount on the service's HTTP listener. */
  routes?: WebhookRoute[];
  close(): Promise<void>;
}

export interface BuildOptions {
  /** The service's SQLite file: the QuickBooks token vault and webhook queue live there too. */
  dbPath: string;
  log?: Logger;
  /** Start listeners (QuickBooks webhooks): `serve` only. */
  listen?: boolean;
}

export async function buildSources(config: Config, env: Env, baseDir: string, opts: BuildOptions): Promise<BuiltSources> {
  const closers: Array<{ close(): Promise<void> }> = [];
  const sources: SourcePort[] = [];
  const routes: WebhookRoute[] = [];
  try {
    for (const s of config.sources) {
      if (s.type === 'files') {
        sources.push(createFilesSource(s, { baseDir, timeZone: config.company.time_zone, defaultCountry: config.matching.customer.default_country }));
        continue;
      }
      if (s.type === 'quickbooks') {
        const qbo = await buildQuickbooksSource(s, { env, baseDir, dbPath: opts.dbPath, companyId: config.company.id, defaultCountry: config.matching.customer.default_country, ...(opts.log ? { log: opts.log } : {}), ...(opts.listen ? { listen: true } : {}) });
        closers.push(qbo);
        sources.push(qbo.source);
        continue;
      }
      const built = await buildUpstreamSource(s, config, env, baseDir, { dbPath: opts.dbPath });
      closers.push(built);
      sources.push(built.source);
      routes.push(...built.routes);
    }
  } catch (err) {
    await Promise.all(closers.map((x) => x.close()));
    throw err;
  }
  return {
    sources,
    routes,
    async close() {
      await Promise.all(sources.map((s) => s.close?.()));
      await Promise.all(closers.map((x) => x.close()));
    },
  };
}
