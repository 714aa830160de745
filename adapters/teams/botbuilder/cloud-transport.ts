// TeamsTransport on botbuilder 4's CloudAdapter: proactive posts through the Bot Connector REST API
// (new thread, send, update, activity members) and the /api/messages endpoint.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, TeamsInfo, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConnectorClient, ServiceClientCredentialsFactory } from 'botframework-connector';
import { PARENT_GONE } from '../../../src/notify/deliver';
import { SentinelError } from '../../../src/domain/errors';
import type { Logger } from '../../../src/ports/logger';
import type { ConversationAddress, InboundHandler, OutgoingMessage, TeamsTransport } from '../transport';
import { buildAuth, type AuthEndpoints, type TeamsCredentials } from './auth';
import { connectorError } from './errors';
import { readJsonBody, toBotRequest, toBotResponse } from './http';
import { contextOf, readActivity } from './inbound';
import { useShortRetries } from './short-retry';

export interface CloudTransportOptions {
  credentials: TeamsCredentials;
  endpoints?: AuthEndpoints;
  /** Replaces botbuilder's credential factory (tests point MSAL at a fake login endpoint). */
  credentialsFactory?: ServiceClientCredentialsFactory;
  handler: InboundHandler;
  log: Logger;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const INVOKE_MESSAGE = 'application/vnd.microsoft.activity.message';

export function createCloudTransport(opts: CloudTransportOptions): TeamsTransport {
  const { auth, appId, authenticated } = buildAuth(opts.credentials, opts.endpoints, opts.credentialsFactory);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (_ctx, err) => {
    opts.log.error({ err: err instanceof Error ? err.message : String(err) }, 'Teams: handling an inbound activity failed');
  };

  /** Runs `work` with a connector client for the conversation's service URL. */
  const withClient = async <T>(
    address: ConversationAddress,
    operation: string,
    work: (client: ConnectorClient, turn: TurnContext) => Promise<T>,
  ): Promise<T> => {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: address.serviceUrl,
      conversation: {
        id: address.conversationId,
        isGroup: true,
        conversationType: '',
        name: '',
        ...(address.tenantId ? { tenantId: address.tenantId } : {}),
      },
      bot: { id: address.botId, name: address.botName ?? '' },
    };
    let result!: T;
    // The adapter hands errors thrown inside a turn to onTurnError: keep ours and throw them here.
    let failure: { err: unknown } | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (ctx: TurnContext) => {
        try {
          const client = ctx.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
          useShortRetries(client);
          result = await work(client, ctx);
        } catch (err) {
          failure = { err };
        }
      });
    } catch (err) {
      failure = { err };
    }
    if (failure) throw connectorError(failure.err, operation, address.conversationId);
    return result;
  };

  return {
    authenticated,
    async startThread(channel, message) {
      return withClient(channel, 'start a thread', async (client) => {
        const res = await client.conversations.createConversation({
          isGroup: true,
          bot: { id: channel.botId, name: channel.botName ?? '' },
          members: [],
          tenantId: channel.tenantId ?? '',
          channelData: { channel: { id: channel.conversationId }, ...(channel.tenantId ? { tenant: { id: channel.tenantId } } : {}) },
          activity: toActivity(message) as Activity,
        });
        // Teams may leave activityId out; the thread id carries the root message id after ;messageid=.
        const activityId = res.activityId || /;messageid=(\d+)/.exec(res.id ?? '')?.[1];
        if (!res.id || !activityId)
          throw new SentinelError('teams.malformed', 'malformed', 'Teams created the thread but returned no id for it', {
            retryable: true,
          });
        return { threadId: res.id, activityId };
      });
    },
    async send(conversation, message) {
      return withClient(conversation, 'post', async (client) => {
        const res = await client.conversations.sendToConversation(conversation.conversationId, toActivity(message));
        return res.id ? { activityId: res.id } : {};
      });
    },
    async update(conversation, activityId, message) {
      await withClient(conversation, 'update a card', async (client) => {
        await client.conversations.updateActivity(conversation.conversationId, activityId, { ...toActivity(message), id: activityId });
      });
    },
    async teamGroupId(conversation, teamId) {
      const details = await withClient(conversation, 'read the team details', (_client, turn) => TeamsInfo.getTeamDetails(turn, teamId));
      if (!details.aadGroupId)
        throw new SentinelError('teams.malformed', 'malformed', `Teams returned no group id for team ${teamId}`, { retryable: true });
      return details.aadGroupId;
    },
    async activityExists(conversation, activityId) {
      try {
        await withClient(conversation, 'look up an activity', (client) =>
          client.conversations.getActivityMembers(conversation.conversationId, activityId),
        );
        return true;
      } catch (err) {
        // A deleted activity answers 404 ActivityNotFoundInConversation (PARENT_GONE), an unknown conversation teams.not_found.
        const code = (err as { code?: string }).code;
        if (code === 'teams.not_found' || code === PARENT_GONE) return false;
        throw err;
      }
    },
    async handleHttp(req: IncomingMessage, res: ServerResponse) {
      const body = await readJsonBody(req);
      await adapter.process(toBotRequest(req, body), toBotResponse(res), async (turn) => {
        await onTurn(turn, opts);
      });
    },
  };
}

async function onTurn(turn: TurnContext, opts: CloudTransportOptions): Promise<void> {
  const activity = turn.activity;
  const isInvoke = activity.type === 'invoke';
  try {
    await opts.handler.seen(contextOf(activity));
    const event = await readActivity(turn);
    if (!event) {
      if (isInvoke) await invokeReply(turn, 200, undefined);
      return;
    }
    const reply = await opts.handler.handle(event);
    if (reply.post) await turn.sendActivity(toActivity(reply.post));
    // An older client's Action.Submit cannot have its card replaced: the new card is posted.
    if (reply.replace && !isInvoke) await turn.sendActivity(toActivity(reply.replace));
    if (isInvoke && reply.replace?.card) await invokeReply(turn, 200, { statusCode: 200, type: ADAPTIVE, value: reply.replace.card });
    else if (isInvoke)
      await invokeReply(turn, 200, reply.toast ? { statusCode: 200, type: INVOKE_MESSAGE, value: reply.toast } : undefined);
    else if (reply.toast && !reply.post) await turn.sendActivity({ type: 'message', text: reply.toast, textFormat: 'plain' });
  } catch (err) {
    opts.log.error({ type: activity.type, err: err instanceof Error ? err.message : String(err) }, 'Teams: an inbound activity failed');
    if (isInvoke)
      await invokeReply(turn, 200, { statusCode: 200, type: INVOKE_MESSAGE, value: 'That did not work; try again in a moment.' });
  }
}

async function invokeReply(turn: TurnContext, status: number, body: unknown): Promise<void> {
  await turn.sendActivity({ type: 'invokeResponse', value: { status, body } });
}

function toActivity(message: OutgoingMessage): Partial<Activity> {
  if (message.card) return { type: 'message', summary: message.summary, attachments: [{ contentType: ADAPTIVE, content: message.card }] };
  return { type: 'message', text: message.text ?? message.summary, textFormat: 'plain', summary: message.summary };
}
