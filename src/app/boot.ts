// Composition root: reads env and config, opens storage, builds channels and sources.
import type { Config } from '../config/schema';
import type { ChannelPort } from '../ports/channel';
import type { Logger } from '../ports/logger';
import type { StorePort } from '../ports/store';
import type { DigestStorePort } from '../ports/digest-store';
import type { Storage } from '../ports/storage';
import { openStorage } from '../../adapters/storage/open-storage';
import { configErrorOf, formatError } from '../config/parse-error';
import { loadRuleFiles } from '../rules/load-files';
import { findConfigFile, rulePathsOf } from './config-file';
import { loadDeploymentFile, type CompanyConfig, type DeploymentConfig } from '../config/deployment';
import { deploymentOf, deploymentOfOne, type CompanyRuntime, type Deployment } from './deployment';
import { prepareDemo } from './demo-config';
import type { Env } from './env';
import { createLogger } from './logger';
import { credentialVariables, rememberSecrets } from '../domain/scrub-secrets';
import { wireSources, type WiredSources } from './wire-sources';
import type { RulesLoader } from './service';
import { CHAT_PLATFORMS } from './chat-platforms';
import { wireChannels, type OpenChat, type WiredChannels } from './wire-channels';
import type { ChannelHealthStore } from '../ports/channel-health';

export interface Booted {
  config: Config;
  /** Folder relative paths in the config resolve against (the config file's folder, or the demo's). */
  baseDir: string;
  demo: { created: boolean; dir: string } | null;
  /** Every store of the deployment, on its one engine. */
  storage: Storage;
  /** `storage.store`. */
  store: StorePort;
  /** `storage.digest`. */
  digestStore: DigestStorePort;
  channels: ChannelPort[];
  /** Channel problems (alerts held until a person fixes a chat's set-up). */
  health: ChannelHealthStore;
  /** The chat platforms some configured channel uses (their endpoints start in `serve`). */
  chats: OpenChat[];
  loadRules: RulesLoader;
  log: Logger;
  close(): Promise<void>;
}

export interface BootOptions {
  now: Date;
  logLevel: string;
  stdout?: NodeJS.WritableStream;
  /** In-process stand-ins for a chat platform's outside login, keyed by channel type (`teams`). */
  seams?: Readonly<Record<string, unknown>>;
}

/** One company, as the commands that act on one company need it (`--company` picks it in a deployment of several). */
export async function boot(env: Env, opts: BootOptions & { company?: string | undefined }): Promise<CompanyRuntime> {
  const deployment = await bootDeployment(env, opts);
  try {
    return { ...deployment.company(opts.company), close: () => deployment.close() };
  } catch (err) {
    await deployment.close();
    throw err;
  }
}

/** Every company of the config file (a file without `companies:` is a deployment of one), on one store. */
export async function bootDeployment(env: Env, opts: BootOptions): Promise<Deployment> {
  // Before anything can fail: every credential value is scrubbed from error text from here on.
  rememberSecrets([
    ...credentialVariables(env.vars ?? {}),
    env.qbo.clientSecret,
    env.qbo.accessToken,
    env.qbo.refreshToken,
    env.qbo.secretKey,
    env.qbo.oldSecretKey,
    env.qbo.webhookVerifierToken,
    ...CHAT_PLATFORMS.flatMap((p) => p.secrets(env.vars ?? {})),
  ]);
  const log = createLogger(env.logLevel ?? opts.logLevel);
  const configPath = findConfigFile(env);
  let deployment: DeploymentConfig;
  let demo: Booted['demo'] = null;
  if (configPath) {
    const loaded = await loadDeploymentFile(configPath);
    if (!loaded.ok) throw configErrorOf(loaded.errors);
    deployment = loaded.value;
  } else {
    const prepared = prepareDemo(env.dataDir, opts.now);
    deployment = deploymentOfOne(prepared.config, prepared.baseDir);
    demo = { created: prepared.created, dir: prepared.baseDir };
  }
  const { baseDir } = deployment;
  const storage = await openStorage({ storage: deployment.storage }, env, baseDir, { log });
  const companies: CompanyRuntime[] = [];
  try {
    for (const company of deployment.companies) {
      const built = await wireChannels(company.config, env, storage, {
        log,
        ...(opts.stdout ? { stdout: opts.stdout } : {}),
        ...(opts.seams ? { seams: opts.seams } : {}),
      });
      companies.push(companyRuntime(company, built, { demo, storage, store: storage.store, digestStore: storage.digest, log }));
    }
  } catch (err) {
    for (const c of companies) await c.close();
    await storage.close();
    throw err;
  }
  return deploymentOf(deployment, companies, { demo, storage, store: storage.store, log });
}

function companyRuntime(
  company: CompanyConfig,
  built: WiredChannels,
  shared: Pick<Booted, 'demo' | 'storage' | 'store' | 'digestStore' | 'log'>,
): CompanyRuntime {
  const { channels, health, chats } = built;
  const rulePaths = rulePathsOf(company.config, company.baseDir);
  const loadRules: RulesLoader = async () => {
    const loaded = await loadRuleFiles(rulePaths);
    return loaded.ok ? { ok: true, rules: loaded.rules } : { ok: false, errors: loaded.errors.map(formatError) };
  };
  return {
    ...shared,
    id: company.config.company.id,
    config: company.config,
    baseDir: company.baseDir,
    channels,
    health,
    chats,
    loadRules,
    // The company's chats and channels; the store is the deployment's and closes with it.
    async close() {
      for (const chat of chats) await chat.runtime.close?.();
      await Promise.all(channels.map((c) => c.close?.()));
    },
  };
}

export async function wireBootedSources(
  booted: Booted,
  env: Env,
  opts: { listen?: boolean; keepGoing?: boolean } = {},
): Promise<WiredSources> {
  return wireSources(booted.config, env, booted.baseDir, { storage: booted.storage, log: booted.log, ...opts });
}
