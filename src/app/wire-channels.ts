// Builds every configured channel through its chat platform (src/app/chat-platforms.ts). Each is
// guarded by channel health, so a chat that refuses alerts for a reason only a person can fix is
// reported instead of silently retried.
import { channelSchema, type ChannelConfig, type Config } from '../config/schema';
import { ConfigError } from '../domain/errors';
import { guardChannel } from '../notify/guard-channel';
import type { ChannelPort } from '../ports/channel';
import type { ChannelHealthStore } from '../ports/channel-health';
import type { ChatRuntime } from '../ports/chat-platform';
import type { Logger } from '../ports/logger';
import type { Storage } from '../ports/storage';
import { CHAT_PLATFORMS, type AppChatPlatform } from './chat-platforms';
import type { Env } from './env';

/** A platform opened because at least one of its channels is configured. */
export interface OpenChat {
  platform: AppChatPlatform;
  runtime: ChatRuntime;
}

export interface WiredChannels {
  channels: ChannelPort[];
  health: ChannelHealthStore;
  chats: OpenChat[];
}

export async function wireChannels(
  config: Config,
  env: Env,
  storage: Storage,
  opts: { log: Logger; stdout?: NodeJS.WritableStream; now?: () => Date; seams?: Readonly<Record<string, unknown>> },
): Promise<WiredChannels> {
  const now = opts.now ?? (() => new Date());
  const { health } = storage;
  // Every channel type needs a platform: one the config schema lets through but nothing builds is an
  // error naming the setting, never a console channel in its place.
  config.channels.forEach((c, i) => {
    if (!CHAT_PLATFORMS.some((p) => p.type === c.type)) throw unknownChannelType(c as never, `channels[${i}]`);
  });
  const host = {
    config,
    vars: env.vars ?? {},
    cwd: env.cwd ?? process.cwd(),
    store: storage.store,
    conversations: storage.conversations,
    health,
    log: opts.log,
    now,
    ...(opts.stdout ? { stdout: opts.stdout } : {}),
    ...(opts.seams ? { seams: opts.seams } : {}),
  };
  const chats: OpenChat[] = [];
  try {
    for (const platform of CHAT_PLATFORMS) {
      const entries = config.channels.filter((c) => c.type === platform.type);
      if (entries.length > 0) chats.push({ platform, runtime: await platform.open(host, entries) });
    }
    const names = config.channels.map((c) => c.name);
    const channels = config.channels.map((c, i): ChannelPort => {
      const inner = chatOf(chats, c, `channels[${i}]`).runtime.channel(c, `channels[${i}]`);
      return guardChannel(inner, { health, channels: names, now, log: opts.log });
    });
    return { channels, health, chats };
  } catch (err) {
    await Promise.all(chats.map((c) => c.runtime.close?.().catch(() => undefined)));
    throw err;
  }
}

/** The open platform of a configured channel (wireChannels opened one for every configured type). */
export function chatOf(chats: readonly OpenChat[], c: ChannelConfig, setting: string): OpenChat {
  const chat = chats.find((o) => o.platform.type === c.type);
  if (!chat) throw unknownChannelType(c as never, setting);
  return chat;
}

/** A channel type this build cannot make (a config written for a newer version, or built by hand). */
export function unknownChannelType(c: never, setting: string): ConfigError {
  const type = String((c as { type?: unknown }).type);
  return new ConfigError(
    `${setting}.type "${type}" is not a channel type — use one of ${channelSchema.options.map((o) => o.shape.type.value).join(', ')}.`,
    { setting: `${setting}.type` },
  );
}
