// The only place that knows every source integration: config in, source ports out.
import path from 'node:path';
import type { Config, QuickbooksSourceConfig } from '../config/schema';
import { SentinelError } from '../domain/errors';
import type { SourcePort } from '../ports/source';
import { createFilesSource } from '../../adapters/files/source';
import { createQuickbooksSource } from '../../adapters/quickbooks/source';
import { startQuickbooksSandbox, type QuickbooksSandbox } from '../../adapters/quickbooks-sandbox/server';
import { buildUpstreamSource } from './build-upstream';
import type { WebhookRoute } from '../../adapters/jobber/webhook';
import type { Env } from './env';
import { DEMO_TOKEN } from './demo-config';

export interface BuiltSources {
  sources: SourcePort[];
  /** Upstream webhook routes (Jobber) to mount on the service's HTTP listener. */
  routes?: WebhookRoute[];
  close(): Promise<void>;
}

export async function buildSources(config: Config, env: Env, baseDir: string): Promise<BuiltSources> {
  const sandboxes: Array<Pick<QuickbooksSandbox, 'close'>> = [];
  const sources: SourcePort[] = [];
  const routes: WebhookRoute[] = [];
  try {
    for (const s of config.sources) {
      if (s.type === 'files') {
        sources.push(createFilesSource(s, { baseDir, timeZone: config.company.time_zone, defaultCountry: config.matching.customer.default_country }));
        continue;
      }
      if (s.type !== 'quickbooks') {
        const built = await buildUpstreamSource(s, config, env, baseDir);
        sandboxes.push(built);
        sources.push(built.source);
        routes.push(...built.routes);
        continue;
      }
      const realmId = resolveRealm(s, env);
      if (s.sandbox_data) {
        const sandbox = await startQuickbooksSandbox({ dataDir: path.resolve(baseDir, s.sandbox_data), realmId, accessToken: DEMO_TOKEN });
        sandboxes.push(sandbox);
        sources.push(
          createQuickbooksSource({
            id: s.id,
            displayName: s.name ?? 'QuickBooks Online (sandbox)',
            realmId,
            baseUrl: sandbox.baseUrl,
            tokenUrl: sandbox.tokenUrl,
            minorVersion: s.minor_version,
            timeoutMs: s.timeout,
            defaultCountry: config.matching.customer.default_country,
            credentials: { clientId: 'demo', clientSecret: 'demo', accessToken: DEMO_TOKEN, refreshToken: 'demo-refresh' },
          }),
        );
        continue;
      }
      sources.push(
        createQuickbooksSource({
          id: s.id,
          displayName: s.name ?? 'QuickBooks Online',
          realmId,
          baseUrl: s.base_url,
          ...(s.token_url ? { tokenUrl: s.token_url } : {}),
          minorVersion: s.minor_version,
          timeoutMs: s.timeout,
          defaultCountry: config.matching.customer.default_country,
          credentials: requireCredentials(env),
        }),
      );
    }
  } catch (err) {
    await Promise.all(sandboxes.map((x) => x.close()));
    throw err;
  }
  return {
    sources,
    routes,
    async close() {
      await Promise.all(sources.map((s) => s.close?.()));
      await Promise.all(sandboxes.map((x) => x.close()));
    },
  };
}

function resolveRealm(s: QuickbooksSourceConfig, env: Env): string {
  if (!s.realm_id.startsWith('env:')) return s.realm_id;
  const value = env.qbo.realmId;
  if (!value) throw new SentinelError('config.qbo_realm', 'config', `Set ${s.realm_id.slice(4)} to the company id shown in QuickBooks → Settings → Account and settings → Billing & subscription.`);
  return value;
}

function requireCredentials(env: Env) {
  const { clientId, clientSecret, accessToken, refreshToken } = env.qbo;
  const missing = [
    ['QBO_CLIENT_ID', clientId],
    ['QBO_CLIENT_SECRET', clientSecret],
    ['QBO_ACCESS_TOKEN', accessToken],
    ['QBO_REFRESH_TOKEN', refreshToken],
  ]
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length > 0) {
    throw new SentinelError('config.qbo_credentials', 'config', `Set ${missing.join(', ')} in the environment (from your Intuit developer app and its OAuth connection).`);
  }
  return { clientId: clientId!, clientSecret: clientSecret!, accessToken: accessToken!, refreshToken: refreshToken! };
}
