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
import { findConfigFile, loadConfigAt, rulePathsOf } from './config-file';
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

export async function boot(
  env: Env,
  opts: {
    now: Date;
    logLevel: string;
    stdout?: NodeJS.WritableStream;
    /** In-process stand-ins for a chat platform's outside login, keyed by channel type (`teams`). */
    seams?: Readonly<Record<string, unknown>>;
  },
): Promise<Booted> {
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
  let config: Config;
  let baseDir: string;
  let demo: Booted['demo'] = null;
  if (configPath) {
    const loaded = await loadConfigAt(configPath);
    if (!loaded.ok) throw configErrorOf(loaded.errors);
    config = loaded.config;
    baseDir = loaded.baseDir;
  } else {
    const prepared = prepareDemo(env.dataDir, opts.now);
    config = prepared.config;
    baseDir = prepared.baseDir;
    demo = { created: prepared.created, dir: prepared.baseDir };
  }
  const storage = await openStorage(config, env, baseDir, { log });
  let built: WiredChannels;
  try {
    built = await wireChannels(config, env, storage, {
      log,
      ...(opts.stdout ? { stdout: opts.stdout } : {}),
      ...(opts.seams ? { seams: opts.seams } : {}),
    });
  } catch (err) {
    await storage.close();
    throw err;
  }
  const { channels, health, chats } = built;
  const rulePaths = rulePathsOf(config, baseDir);
  const loadRules: RulesLoader = async () => {
    const loaded = await loadRuleFiles(rulePaths);
    return loaded.ok ? { ok: true, rules: loaded.rules } : { ok: false, errors: loaded.errors.map(formatError) };
  };
  return {
    config,
    baseDir,
    demo,
    storage,
    store: storage.store,
    digestStore: storage.digest,
    channels,
    health,
    chats,
    loadRules,
    log,
    async close() {
      for (const chat of chats) await chat.runtime.close?.();
      await Promise.all(channels.map((c) => c.close?.()));
      await storage.close();
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
