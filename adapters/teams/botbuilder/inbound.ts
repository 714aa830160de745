// Inbound Bot Framework activities → our InboundEvents. Only this file knows the activity shapes.
import { TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import type { InboundContext, InboundEvent, InboundUser } from '../transport';

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  tenant?: { id?: string };
  eventType?: string;
}

export function contextOf(activity: Activity): InboundContext {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const type = activity.conversation?.conversationType;
  const kind: InboundContext['kind'] =
    type === 'channel' || type === 'groupChat' || type === 'personal' ? type : data.team?.id ? 'channel' : 'personal';
  const tenantId = data.tenant?.id ?? activity.conversation?.tenantId;
  const ctx: InboundContext = {
    address: {
      serviceUrl: activity.serviceUrl,
      conversationId: activity.conversation.id,
      botId: activity.recipient.id,
      ...(activity.recipient.name ? { botName: activity.recipient.name } : {}),
      ...(tenantId ? { tenantId } : {}),
    },
    kind,
  };
  if (data.team?.id) ctx.teamId = data.team.id;
  if (data.team?.name) ctx.teamName = data.team.name;
  const channelId = data.channel?.id ?? (kind === 'channel' ? activity.conversation.id.split(';')[0] : undefined);
  if (channelId) ctx.channelId = channelId;
  if (data.channel?.name) ctx.channelName = data.channel.name;
  return ctx;
}

function userOf(activity: Activity): InboundUser {
  return { id: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown', name: activity.from?.name ?? activity.from?.id ?? 'someone' };
}

/** Reads one activity; `null` for the ones the bot ignores (typing, reactions …). */
export async function readActivity(turn: TurnContext): Promise<InboundEvent | null> {
  const activity = turn.activity;
  const context = contextOf(activity);
  const botId = activity.recipient?.id;
  const data = (activity.channelData ?? {}) as TeamsChannelData;

  switch (activity.type) {
    case 'installationUpdate':
      if (activity.action === 'remove' || activity.action === 'remove-upgrade') return { type: 'uninstalled', context };
      return { type: 'installed', context, channels: await channelsOf(turn, context) };
    case 'conversationUpdate': {
      if (activity.membersRemoved?.some((m) => m.id === botId)) return { type: 'uninstalled', context };
      if (activity.membersAdded?.some((m) => m.id === botId))
        return { type: 'installed', context, channels: await channelsOf(turn, context) };
      if (
        (data.eventType === 'channelCreated' || data.eventType === 'channelRenamed' || data.eventType === 'channelRestored') &&
        data.channel?.id
      ) {
        return {
          type: 'channel_created',
          context,
          channel: { id: data.channel.id, ...(data.channel.name ? { name: data.channel.name } : {}) },
        };
      }
      if (data.eventType === 'teamDeleted') return { type: 'uninstalled', context };
      return null;
    }
    case 'message': {
      // Action.Submit (the fallback of Action.Execute) arrives as a message whose value holds the data.
      if (activity.value && typeof activity.value === 'object')
        return { type: 'card_action', context, user: userOf(activity), verb: undefined, data: activity.value };
      const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '')
        .replace(/<at>[^<]*<\/at>/g, ' ')
        .replace(/&nbsp;/g, ' ')
        .trim();
      return { type: 'message', context, user: userOf(activity), text };
    }
    case 'invoke':
      if (activity.name === 'adaptiveCard/action') {
        const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
        return { type: 'card_action', context, user: userOf(activity), verb: action?.verb, data: action?.data };
      }
      return null;
    default:
      return null;
  }
}

/** Every channel of the team (so any of them can be routed to); the current one when the list fails. */
async function channelsOf(turn: TurnContext, context: InboundContext): Promise<Array<{ id: string; name?: string }>> {
  if (!context.teamId) return [];
  try {
    const list = await TeamsInfo.getTeamChannels(turn, context.teamId);
    const channels = list.filter((c) => c.id).map((c) => ({ id: c.id!, ...(c.name ? { name: c.name } : {}) }));
    if (channels.length > 0) return channels;
  } catch {
    // Listing needs the connector; the channel the event came from is still known.
  }
  return [{ id: context.channelId ?? context.teamId, ...(context.channelName ? { name: context.channelName } : {}) }];
}
