// Builds every configured channel: console, Slack, Teams. Each is guarded by channel health, so a chat
// that refuses alerts for a reason only a person can fix is reported instead of silently retried.
import { channelSchema, type ChannelConfig, type Config } from '../config/schema';
import { ConfigError } from '../domain/errors';
import type { SlackChannelConfig } from '../config/schema-slack';
import { guardChannel } from '../notify/guard-channel';
import type { ChannelPort } from '../ports/channel';
import type { ChannelHealthStore } from '../ports/channel-health';
import type { Logger } from '../ports/logger';
import { createConsoleChannel } from '../../adapters/console/console-channel';
import { createChannelHealthStore } from '../../adapters/storage/channel-health-store';
import type { SqliteStore } from '../../adapters/storage/sqlite-store';
import { createPacer } from '../../adapters/slack/pacer';
import { createSlackChannel } from '../../adapters/slack/slack-channel';
import { createWebClient, type SlackWebClient } from '../../adapters/slack/web-client';
import type { TeamsRuntime } from '../../adapters/teams/teams-runtime';
import type { Env } from './env';

export interface WiredChannels {
  channels: ChannelPort[];
  health: ChannelHealthStore;
  /** The Slack Web API client, when a Slack channel is configured. */
  slack: { client: SlackWebClient; channels: SlackChannelConfig[] } | null;
}

export function wireChannels(
  config: Config,
  env: Env,
  store: SqliteStore,
  opts: { log: Logger; stdout?: NodeJS.WritableStream; now?: () => Date; teams?: TeamsRuntime | null },
): WiredChannels {
  const now = opts.now ?? (() => new Date());
  const health = createChannelHealthStore(store.db);
  const slackConfigs = config.channels.filter((c): c is SlackChannelConfig => c.type === 'slack');
  let slack: WiredChannels['slack'] = null;
  if (slackConfigs.length > 0) {
    if (!env.slack.botToken) {
      throw new ConfigError(
        `Channel "${slackConfigs[0]!.name}" is a Slack channel, but SLACK_BOT_TOKEN is not set. Create the app from manifest.json (see README → Slack), install it, and set SLACK_BOT_TOKEN to its Bot User OAuth Token (xoxb-…).`,
        { setting: `channels[${config.channels.indexOf(slackConfigs[0]!)}]` },
      );
    }
    slack = {
      client: createWebClient({ botToken: env.slack.botToken, log: opts.log, ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}) }),
      channels: slackConfigs,
    };
  }
  const paceOf = new Map(slackConfigs.map((c) => [c.channel_id, c.pace_seconds * 1000]));
  const pacer = createPacer({ intervalMs: (channelId) => paceOf.get(channelId) ?? 1000 });
  const names = config.channels.map((c) => c.name);
  const channels = config.channels.map((c, i): ChannelPort => {
    const inner = channelOf(c, `channels[${i}]`);
    return guardChannel(inner, { health, channels: names, now, log: opts.log });
  });
  return { channels, health, slack };

  // Every channel type is named here: one the config schema lets through but nothing builds is an error
  // naming the setting, never a console channel in its place.
  function channelOf(c: ChannelConfig, setting: string): ChannelPort {
    switch (c.type) {
      case 'console':
        return createConsoleChannel({ name: c.name, ...(opts.stdout ? { out: opts.stdout as never } : {}) });
      case 'slack':
        return createSlackChannel({ name: c.name, channelId: c.channel_id, client: slack!.client, pacer, now });
      case 'teams': {
        const teams = opts.teams?.channels.find((t) => t.name === c.name);
        if (!teams)
          throw new ConfigError(`Channel "${c.name}" is a Teams channel, but the Teams bot did not start for it.`, {
            setting: `${setting}.type`,
          });
        return teams;
      }
      default:
        throw unknownChannelType(c, setting);
    }
  }
}

/** A channel type this build cannot make (a config written for a newer version, or built by hand). */
export function unknownChannelType(c: never, setting: string): ConfigError {
  const type = String((c as { type?: unknown }).type);
  return new ConfigError(
    `${setting}.type "${type}" is not a channel type — use one of ${channelSchema.options.map((o) => o.shape.type.value).join(', ')}.`,
    { setting: `${setting}.type` },
  );
}
