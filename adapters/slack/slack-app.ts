// The Bolt app: Socket Mode by default (no public URL: SLACK_BOT_TOKEN + SLACK_APP_TOKEN), or the
// HTTP receiver on /slack/events (SLACK_SIGNING_SECRET). The transport is config only; the
// listeners are the same either way.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { SentinelError } from '../../src/domain/errors';
import { DEFAULT_HOST, guardServer, serverOptions, type ListenerLimits } from '../http-listener/listener-limits';
import type { Logger } from '../../src/ports/logger';
import { boltLogger } from './bolt-logger';
import { fitBlocks, LIMITS } from './block-limits';
import type { SlackInteractions } from './commands-api';
import { registerHandlers } from './register-handlers';
import { createUserGroups } from './user-groups';

export interface SlackAppOptions {
  mode: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port?: number;
  /** Where the HTTP receiver binds (loopback unless set). */
  host?: string;
  limits?: ListenerLimits;
  /** Skip auth.test at start (tests, and when the ids are known). */
  botId?: string;
  botUserId?: string;
  interactions: SlackInteractions;
  log: Logger;
}

export interface SlackApp {
  readonly app: App;
  /** Resolves once connected (socket) or listening (http); the port for http. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
  /** Republishes App Home for everyone who opened it (after each poll). */
  refreshHomes(): Promise<void>;
}

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  if (opts.mode === 'socket' && !opts.appToken) {
    throw new SentinelError(
      'slack.config',
      'config',
      'Socket Mode needs SLACK_APP_TOKEN: create an app-level token with connections:write under Basic Information → App-Level Tokens, or set receiver: http',
    );
  }
  if (opts.mode === 'http' && !opts.signingSecret) {
    throw new SentinelError(
      'slack.config',
      'config',
      'The HTTP receiver needs SLACK_SIGNING_SECRET: copy the Signing Secret from Basic Information → App Credentials',
    );
  }
  const app = new App({
    token: opts.botToken,
    ...(opts.mode === 'socket' ? { socketMode: true, appToken: opts.appToken } : { signingSecret: opts.signingSecret }),
    ...(opts.botId && opts.botUserId ? { botId: opts.botId, botUserId: opts.botUserId } : {}),
    tokenVerificationEnabled: false,
    logger: boltLogger(opts.log),
    clientOptions: {
      ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
      retryConfig: { retries: 1, minTimeout: 500, maxTimeout: 1_000 },
    },
  });
  const homeUsers = new Set<string>();
  registerHandlers(app, { interactions: opts.interactions, groups: createUserGroups(app.client), log: opts.log, homeUsers });
  app.error(async (err) => opts.log.error({ code: (err as { code?: string }).code }, `Slack listener failed: ${err.message}`));

  return {
    app,
    async start() {
      if (opts.mode === 'http') {
        const server = guardServer(
          (await app.start({ port: opts.port ?? 3000, host: opts.host ?? DEFAULT_HOST }, serverOptions(opts.limits))) as Server,
        );
        return { port: (server.address() as AddressInfo).port };
      }
      await app.start();
      return {};
    },
    async stop() {
      await app.stop();
    },
    async refreshHomes() {
      if (homeUsers.size === 0) return;
      const home = await opts.interactions.home();
      for (const user of homeUsers) {
        await app.client.views
          .publish({ user_id: user, view: { type: 'home', blocks: fitBlocks(home.blocks, LIMITS.blocksPerView) as never } })
          .catch((err: Error) => opts.log.warn({ user }, `App Home not refreshed: ${err.message}`));
      }
    },
  };
}
