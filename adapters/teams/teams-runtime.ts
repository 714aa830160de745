// Everything Teams needs in a running service, built once from the config: one bot (transport and
// inbound handler) shared by every Teams channel, and the /api/messages endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DEFAULT_HOST, guardServer, isLoopback, serverOptions, type ListenerLimits } from '../http-listener/listener-limits';
import { ConfigError, SentinelError } from '../../src/domain/errors';
import type { AddressInfo } from 'node:net';
import type { Actor } from '../../src/commands/actor';
import type { CommandResult, IncidentAction } from '../../src/commands/incident-commands';
import { answerStatusQuery } from '../../src/commands/status-answer';
import type { Config } from '../../src/config/schema';
import type { TeamsChannelConfig } from '../../src/config/schema-teams';
import type { ChannelPort } from '../../src/ports/channel';
import type { ConversationStore } from '../../src/ports/conversation-store';
import type { Logger } from '../../src/ports/logger';
import type { StorePort } from '../../src/ports/store';
import type { ChannelHealthStore } from '../../src/ports/channel-health';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { graphTokenSource, type AuthEndpoints, type TeamsCredentials } from './botbuilder/auth';
import { createChannelMessageReader, DEFAULT_GRAPH_URL } from './graph/channel-messages';
import { createCloudTransport } from './botbuilder/cloud-transport';
import { createTeamsBot } from './teams-bot';
import { createTeamsChannel } from './teams-channel';
import { createTeamsDigestSender, createTeamsPortfolioSender } from './digest-sender';
import type { PortfolioSender } from '../../src/portfolio/run-portfolio';
import type { DigestSender } from '../../src/ports/digest-sender';

export const BOT_PATH = '/api/messages';

export interface TeamsRuntimeOptions {
  config: Config;
  credentials: TeamsCredentials;
  endpoints?: AuthEndpoints;
  /** Replaces botbuilder's credential factory (in-process tests point MSAL at a fake login). */
  credentialsFactory?: ServiceClientCredentialsFactory;
  /** Microsoft Graph's origin (a national cloud's); Graph tells whether a post whose answer was lost landed. */
  graphUrl?: string;
  store: StorePort;
  conversations: ConversationStore;
  /** Channel health, so `sync-status` shows alerts held by a refusing chat. */
  health?: ChannelHealthStore;
  log: Logger;
  now?: () => Date;
}

export interface TeamsRuntime {
  channels: ChannelPort[];
  /** The weekly digest's sender for a configured Teams channel. */
  digestSender(name: string): DigestSender;
  /** The owner's portfolio digest's sender for a Teams channel of `portfolio.channels` (this runtime opened for them). */
  portfolioSender(name: string): PortfolioSender;
  /** Whether inbound requests must carry a valid Bot Framework token. */
  authenticated: boolean;
  /** Card actions run through the service (serialised with polls, then delivered). */
  attach(service: {
    command(ref: string, action: IncidentAction, actor: Actor): Promise<CommandResult>;
    retryHeld?(channel: string): Promise<unknown>;
  }): void;
  /** The `(req, res)` handler for POST /api/messages, to mount on any node:http server. */
  handler(req: IncomingMessage, res: ServerResponse): void;
  /** Serves the handler on its own listener (the first Teams channel's `port`). */
  listen(opts?: { port?: number; host?: string; limits?: ListenerLimits }): Promise<{ port: number }>;
  close(): Promise<void>;
}

export function createTeamsRuntime(opts: TeamsRuntimeOptions): TeamsRuntime {
  const teamsChannels = opts.config.channels.filter((c): c is TeamsChannelConfig => c.type === 'teams');
  const companyId = opts.config.company.id;
  const now = opts.now ?? (() => new Date());
  let service: Parameters<TeamsRuntime['attach']>[0] | undefined;
  let server: Server | undefined;

  const bot = createTeamsBot({
    companyId,
    authenticated: Boolean(opts.credentials.appId?.trim()),
    conversations: opts.conversations,
    store: opts.store,
    log: opts.log,
    now,
    command: async (ref, action, actor) => {
      if (!service) return { ok: false, code: 'invalid', message: 'sync-sentinel is starting; try again in a moment.' };
      return service.command(ref, action, actor);
    },
    answer: (query) => answerStatusQuery({ config: opts.config, store: opts.store, now }, query),
    // Not awaited: the install is answered at once; the held alerts follow, serialised with polls.
    installed: (ids) => {
      for (const c of teamsChannels) {
        if (!ids.includes(c.channel_id)) continue;
        service
          ?.retryHeld?.(c.name)
          .catch((err: Error) => opts.log.warn({ channel: c.name }, `held alerts not sent after the install: ${err.message}`));
      }
    },
    ...(opts.health ? { heldProblems: () => opts.health!.openProblems(companyId) } : {}),
  });
  const transport = createCloudTransport({
    credentials: opts.credentials,
    ...(opts.endpoints ? { endpoints: opts.endpoints } : {}),
    ...(opts.credentialsFactory ? { credentialsFactory: opts.credentialsFactory } : {}),
    handler: bot,
    log: opts.log,
  });
  const graphUrl = opts.graphUrl ?? DEFAULT_GRAPH_URL;
  const graphToken = graphTokenSource(opts.credentials, graphUrl, opts.credentialsFactory);
  const reader = graphToken ? createChannelMessageReader({ graphUrl, token: graphToken }) : undefined;
  const channels = teamsChannels.map((c) =>
    createTeamsChannel({
      name: c.name,
      channelId: c.channel_id,
      companyId,
      transport,
      conversations: opts.conversations,
      ...(reader ? { reader } : {}),
      log: opts.log,
      now,
    }),
  );

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== BOT_PATH) {
      res.statusCode = 404;
      res.end();
      return;
    }
    transport.handleHttp(req, res).catch((err: unknown) => {
      opts.log.error({ err: err instanceof Error ? err.message : String(err) }, 'Teams: the bot endpoint failed a request');
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };

  const senderOptions = (name: string, setting: string) => {
    const c = teamsChannels.find((t) => t.name === name);
    if (!c) throw new ConfigError(`"${name}" is not a Teams channel`, { setting });
    return {
      name,
      channelId: c.channel_id,
      companyId,
      transport,
      conversations: opts.conversations,
      ...(reader ? { reader } : {}),
      log: opts.log,
      now,
    };
  };

  return {
    channels,
    digestSender: (name) => createTeamsDigestSender(senderOptions(name, 'digest.channels')),
    portfolioSender: (name) => createTeamsPortfolioSender(senderOptions(name, 'portfolio.channels')),
    authenticated: transport.authenticated,
    attach(s) {
      service = s;
    },
    handler,
    async listen(o = {}) {
      const port = o.port ?? teamsChannels[0]?.port ?? 3978;
      const host = o.host ?? teamsChannels[0]?.host ?? DEFAULT_HOST;
      if (!transport.authenticated && !isLoopback(host)) {
        throw new SentinelError(
          'teams.config',
          'config',
          `The Teams bot endpoint would listen on ${host} without authentication: anyone reaching it could acknowledge incidents. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or a certificate) and MICROSOFT_APP_TENANT_ID, or remove \`host\` to listen on 127.0.0.1 only.`,
        );
      }
      server = guardServer(createServer(serverOptions(o.limits), handler));
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, resolve);
      });
      const bound = (server.address() as AddressInfo).port;
      if (transport.authenticated) {
        opts.log.info({ port: bound, path: BOT_PATH }, 'Teams bot endpoint listening (Bot Framework authentication on)');
      } else {
        opts.log.error(
          { port: bound, path: BOT_PATH },
          `Teams bot endpoint is listening WITHOUT AUTHENTICATION on ${host}: MICROSOFT_APP_ID is not set, so anyone on this machine who can reach port ${bound} can post as Teams. Fine on a laptop; in production set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or a certificate) and MICROSOFT_APP_TENANT_ID.`,
        );
      }
      return { port: bound };
    },
    async close() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
}
