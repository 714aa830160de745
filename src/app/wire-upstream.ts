// Config → upstream connector (ServiceTitan, Jobber, Housecall Pro, generic HTTP), with its vendor
// sandbox started on 127.0.0.1 when the source names `sandbox_data` (the demo, and `sources test`
// without credentials). Credentials come from the environment variables the config names.
import path from 'node:path';
import type { Config } from '../config/schema';
import type { HousecallProSourceConfig, HttpSourceConfig, JobberSourceConfig, ServiceTitanSourceConfig } from '../config/schema-upstream';
import { SentinelError } from '../domain/errors';
import type { SourcePort } from '../ports/source';
import type { ConnectorTokens, ConnectorTokenStore, Storage } from '../ports/storage';
import { createHousecallProSource } from '../../adapters/housecallpro/source';
import { createHttpSource } from '../../adapters/json-api-source/source';
import { createJobberSource } from '../../adapters/jobber/source';
import { jobberWebhookRoute, type WebhookRoute } from '../../adapters/jobber/webhook';
import { createServiceTitanSource } from '../../adapters/servicetitan/source';
import { loadWorldFromExports } from '../../adapters/vendor-sandboxes/common/world';
import { startHousecallProSandbox } from '../../adapters/vendor-sandboxes/housecallpro/server';
import { startJobberSandbox } from '../../adapters/vendor-sandboxes/jobber/server';
import { startServiceTitanSandbox } from '../../adapters/vendor-sandboxes/servicetitan/server';
import { parseSecretKey, SECRET_KEY_ENV } from '../../adapters/storage/secret-box';
import { rememberSecrets } from '../domain/scrub-secrets';
import type { Env } from './env';

export type UpstreamConfig = ServiceTitanSourceConfig | JobberSourceConfig | HousecallProSourceConfig | HttpSourceConfig;

export interface WiredUpstream {
  source: SourcePort;
  /** Webhook routes to mount on the service's HTTP listener. */
  routes: WebhookRoute[];
  close(): Promise<void>;
}

const SANDBOX = 'sandbox';

/**
 * The connector token vault, when SYNC_SENTINEL_SECRET_KEY is set. Without the key tokens stay in
 * memory (a rotated refresh token is then lost at restart), unless some are stored already: then
 * starting without the key is refused, as for QuickBooks.
 */
async function openTokenVault(env: Env, storage: Storage, companyId: string): Promise<ConnectorTokenStore | null> {
  if (env.qbo.secretKey) return storage.connectorTokens(companyId, parseSecretKey(env.qbo.secretKey));
  if (await storage.hasConnectorTokens(companyId)) {
    throw new SentinelError(
      'config.secret_key_missing',
      'config',
      `Upstream tokens are stored in ${storage.where} but ${SECRET_KEY_ENV} is not set: set it to the key they were stored with (32 bytes, base64 or hex).`,
    );
  }
  return null;
}

export async function wireUpstreamSource(
  s: UpstreamConfig,
  config: Config,
  env: Env,
  baseDir: string,
  opts: { storage?: Storage } = {},
): Promise<WiredUpstream> {
  const zone = s.time_zone ?? config.company.time_zone;
  const common = { id: s.id, timeoutMs: s.timeout, retries: s.retries, ratePerSecond: s.rate_limit };
  const none = async () => {};
  const world = () => loadWorldFromExports(path.resolve(baseDir, s.sandbox_data!), zone);
  switch (s.type) {
    case 'servicetitan': {
      if (s.sandbox_data) {
        const sb = await startServiceTitanSandbox({
          world: await world(),
          tenant: SANDBOX,
          clientId: SANDBOX,
          clientSecret: SANDBOX,
          appKey: SANDBOX,
        });
        const source = createServiceTitanSource({
          ...common,
          displayName: s.name ?? 'ServiceTitan (sandbox)',
          tenant: SANDBOX,
          apiUrl: sb.apiUrl,
          tokenUrl: sb.tokenUrl,
          clientId: SANDBOX,
          clientSecret: SANDBOX,
          appKey: SANDBOX,
          timeZone: zone,
          locationFrom: s.location_from,
          tokenEarlyMs: s.token_refresh_early,
          ...(s.start_from ? { startFrom: s.start_from } : {}),
        });
        return { source, routes: [], close: () => sb.close() };
      }
      const [clientId, clientSecret, appKey] = need(
        env,
        s.id,
        [s.client_id_env, s.client_secret_env, s.app_key_env],
        'from the ServiceTitan developer portal (app key) and the tenant admin\'s "Manage API Application Access" (client id and secret)',
      );
      const tenant = s.tenant.startsWith('env:')
        ? need(env, s.id, [s.tenant.slice(4)], 'the tenant id ServiceTitan shows in Settings → Integrations → API Application Access')[0]!
        : s.tenant;
      const source = createServiceTitanSource({
        ...common,
        displayName: s.name ?? 'ServiceTitan',
        tenant,
        apiUrl: s.api_url,
        tokenUrl: s.token_url,
        clientId: clientId!,
        clientSecret: clientSecret!,
        appKey: appKey!,
        timeZone: zone,
        locationFrom: s.location_from,
        tokenEarlyMs: s.token_refresh_early,
        ...(s.start_from ? { startFrom: s.start_from } : {}),
      });
      return { source, routes: [], close: none };
    }
    case 'jobber': {
      const settings = {
        pageSize: s.page_size,
        maxThrottleWaitMs: s.max_throttle_wait,
        classField: s.class_field,
        locationField: s.location_field,
        ids: s.ids,
        defaultCountry: config.matching.customer.default_country,
        apiVersion: s.api_version,
        ...(s.default_class ? { defaultClass: s.default_class } : {}),
      };
      if (s.sandbox_data) {
        const sb = await startJobberSandbox({
          world: await world(),
          clientId: SANDBOX,
          clientSecret: SANDBOX,
          refreshToken: SANDBOX,
          rotateRefreshTokens: true,
          restoreRate: 50_000,
        });
        const source = createJobberSource({
          ...common,
          ...settings,
          displayName: s.name ?? 'Jobber (sandbox)',
          graphqlUrl: sb.graphqlUrl,
          tokenUrl: sb.tokenUrl,
          clientId: SANDBOX,
          clientSecret: SANDBOX,
          tokens: { accessToken: '', refreshToken: SANDBOX, expiresAt: 0 },
        });
        return {
          source,
          routes: [jobberWebhookRoute({ path: `/webhooks/jobber/${s.id}`, clientSecret: SANDBOX, queue: source.rechecks })],
          close: () => sb.close(),
        };
      }
      const [clientId, clientSecret, refreshToken] = need(
        env,
        s.id,
        [s.client_id_env, s.client_secret_env, s.refresh_token_env],
        'from your app in the Jobber Developer Center and its OAuth connection',
      );
      const accessToken = env.vars?.[s.access_token_env];
      // Jobber may rotate refresh tokens: the newest one is kept, sealed, beside the other state.
      const vault = opts.storage ? await openTokenVault(env, opts.storage, config.company.id) : null;
      const initial = (await vault?.load(s.id, refreshToken!)) ?? {
        accessToken: accessToken ?? '',
        refreshToken: refreshToken!,
        ...(accessToken ? {} : { expiresAt: 0 }),
      };
      const source = createJobberSource({
        ...common,
        ...settings,
        displayName: s.name ?? 'Jobber',
        graphqlUrl: s.api_url,
        tokenUrl: s.token_url,
        clientId: clientId!,
        clientSecret: clientSecret!,
        tokens: initial,
        ...(vault ? { onTokens: (t: ConnectorTokens) => vault.save(s.id, t, refreshToken!, new Date()) } : {}),
      });
      return {
        source,
        routes: [jobberWebhookRoute({ path: `/webhooks/jobber/${s.id}`, clientSecret: clientSecret!, queue: source.rechecks })],
        close: none,
      };
    }
    case 'housecallpro': {
      const settings = {
        zone,
        defaultCountry: config.matching.customer.default_country,
        classFrom: s.class_from,
        locationFrom: s.location_from,
        authScheme: s.auth_scheme,
        pageSize: s.page_size,
        ...(s.company_id ? { companyId: s.company_id } : {}),
      };
      if (s.sandbox_data) {
        const sb = await startHousecallProSandbox({ world: await world(), apiKey: SANDBOX, ratePerSecond: 100 });
        return {
          source: createHousecallProSource({
            ...common,
            ...settings,
            displayName: s.name ?? 'Housecall Pro (sandbox)',
            apiUrl: sb.apiUrl,
            apiKey: SANDBOX,
          }),
          routes: [],
          close: () => sb.close(),
        };
      }
      const [apiKey] = need(env, s.id, [s.api_key_env], 'the key an admin generates under My Apps → API Key Management (MAX plan)');
      return {
        source: createHousecallProSource({
          ...common,
          ...settings,
          displayName: s.name ?? 'Housecall Pro',
          apiUrl: s.api_url,
          apiKey: apiKey!,
        }),
        routes: [],
        close: none,
      };
    }
    case 'http': {
      const a = s.auth;
      const names =
        a.type === 'bearer'
          ? [a.token_env]
          : a.type === 'basic'
            ? [a.username_env, a.password_env]
            : a.type === 'api_key'
              ? [a.key_env]
              : [];
      const values = need(env, s.id, names, 'from the API provider');
      const headers: Record<string, string> =
        a.type === 'bearer'
          ? { authorization: `Bearer ${values[0]}` }
          : a.type === 'basic'
            ? { authorization: `Basic ${Buffer.from(`${values[0]}:${values[1]}`).toString('base64')}` }
            : a.type === 'api_key'
              ? { [a.header]: `${a.prefix}${values[0]}` }
              : {};
      return {
        source: createHttpSource({
          ...common,
          displayName: s.name ?? s.id,
          baseUrl: s.base_url,
          headers,
          endpoints: s.endpoints,
          zone,
          defaultCountry: config.matching.customer.default_country,
        }),
        routes: [],
        close: none,
      };
    }
  }
}

function need(env: Env, sourceId: string, names: readonly string[], where: string): string[] {
  const values = names.map((n) => env.vars?.[n]);
  rememberSecrets(values);
  const missing = names.filter((_, i) => !values[i]);
  if (missing.length > 0)
    throw new SentinelError(
      'config.upstream_credentials',
      'config',
      `Source ${sourceId}: set ${missing.join(', ')} in the environment (${where}).`,
    );
  return values as string[];
}
