// The notify core's ChannelPort for one Teams channel: a new thread per incident with an Adaptive
// Card parent that is updated in place, and every later message as a reply in that thread.
import { SentinelError } from '../../src/domain/errors';
import { ChannelProblemError } from '../../src/notify/channel-health';
import type { OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { ChannelPort, DeliveryReceipt } from '../../src/ports/channel';
import type { ConversationStore } from '../../src/ports/conversation-store';
import { parentSummary, renderParentCard, renderThreadCard, threadSummary } from './cards/alert-card';
import { NOT_IN_ROSTER, type ConversationAddress, type OutgoingMessage, type TeamsTransport } from './transport';

export interface TeamsChannelOptions {
  /** Configured channel name. */
  name: string;
  /** The Teams channel id (19:…@thread.tacv2). */
  channelId: string;
  companyId: string;
  transport: TeamsTransport;
  conversations: ConversationStore;
  now?: () => Date;
}

export function createTeamsChannel(opts: TeamsChannelOptions): ChannelPort {
  const now = opts.now ?? (() => new Date());

  const channelAddress = async (): Promise<{ address: ConversationAddress; teamId?: string }> => {
    const stored = await opts.conversations.findConversation(opts.companyId, opts.channelId);
    if (!stored) {
      // Only a person can fix this: the channel-health guard holds the alerts and tells the others.
      throw new ChannelProblemError('channel.not_installed', {
        kind: 'not_installed',
        summary: `the Teams bot has not been added to the team of channel ${opts.channelId} (or Teams has not told it yet)`,
        fix: 'upload the package from `sync-sentinel teams package` in Teams → Apps → Manage your apps and add the app to that team',
      });
    }
    const address: ConversationAddress = { serviceUrl: stored.serviceUrl, conversationId: stored.conversationId, botId: stored.botId, ...(stored.botName ? { botName: stored.botName } : {}), ...(stored.tenantId ? { tenantId: stored.tenantId } : {}) };
    return { address, ...(stored.teamId ? { teamId: stored.teamId } : {}) };
  };

  const messageOf = (item: OutboxItem): OutgoingMessage =>
    item.body.kind === 'parent'
      ? { summary: parentSummary(item.body.view), card: renderParentCard(item.body.view, now()) }
      : { summary: threadSummary(item.body.update), card: renderThreadCard(item.body.update) };

  return {
    name: opts.name,
    async deliver(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt> {
      const { address, teamId } = await channelAddress();
      const message = messageOf(item);
      try {
        if (item.op === 'post_parent') {
          const { threadId, activityId } = await opts.transport.startThread(address, message);
          await opts.conversations.recordSent({ companyId: item.companyId, outboxId: item.id, conversationId: threadId, activityId, parentRef: activityId, at: now().toISOString() });
          return { destination: threadId, parentRef: activityId };
        }
        if (!thread) throw new SentinelError('channel.no_thread', 'client', `#${item.incidentId}: the parent card has not been posted yet`);
        const inThread = { ...address, conversationId: thread.destination };
        if (item.op === 'edit_parent') {
          await opts.transport.update(inThread, thread.parentRef, message);
          return { destination: thread.destination };
        }
        // Teams threads have no "also send to channel": a reply moves the thread to the bottom of
        // the channel, where everyone sees it, so escalations and resolutions are replies too.
        const { activityId } = await opts.transport.send(inThread, message);
        if (activityId) await opts.conversations.recordSent({ companyId: item.companyId, outboxId: item.id, conversationId: thread.destination, activityId, at: now().toISOString() });
        return { destination: thread.destination };
      } catch (err) {
        if (err instanceof SentinelError && err.code === NOT_IN_ROSTER) {
          await opts.conversations.markDead(item.companyId, { conversationId: opts.channelId, ...(teamId ? { teamId } : {}) }, err.message, now().toISOString());
          throw new ChannelProblemError(
            NOT_IN_ROSTER,
            { kind: 'BotNotInConversationRoster', summary: `Teams says the app is no longer in the team of channel ${opts.channelId} (403)`, fix: 'add the app to that team again (Teams → Apps → Manage your apps)' },
            { cause: err },
          );
        }
        throw err;
      }
    },
    async findDelivered(item: OutboxItem): Promise<DeliveryReceipt | null> {
      // The activity id is written the moment Teams answers; the connector confirms it exists.
      const sent = await opts.conversations.findSent(item.companyId, item.id);
      if (!sent) return null;
      const { address } = await channelAddress();
      const exists = await opts.transport.activityExists({ ...address, conversationId: sent.conversationId }, sent.activityId).catch(() => true);
      if (!exists) return null;
      return { destination: sent.conversationId, ...(sent.parentRef ? { parentRef: sent.parentRef } : {}) };
    },
  };
}
