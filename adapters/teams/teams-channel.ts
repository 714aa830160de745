// The notify core's ChannelPort for one Teams channel: a new thread per incident with an Adaptive
// Card parent that is updated in place, and every later message as a reply in that thread.
import { SentinelError } from '../../src/domain/errors';
import { ChannelProblemError } from '../../src/notify/channel-health';
import type { OutboxItem, ThreadRef } from '../../src/notify/outbox';
import type { ChannelPort, DeliveryReceipt } from '../../src/ports/channel';
import type { ConversationStore } from '../../src/ports/conversation-store';
import { parentSummary, renderParentCard, renderThreadCard, threadSummary } from './cards/alert-card';
import type { Logger } from '../../src/ports/logger';
import { withCompany } from './cards/card-actions';
import { markCard } from './cards/elements';
import type { ChannelMessageReader } from './graph/channel-messages';
import { createChannelLookup } from './graph/channel-lookup';
import { NOT_IN_ROSTER, type ConversationAddress, type OutgoingMessage, type TeamsTransport } from './transport';

export interface TeamsChannelOptions {
  /** Configured channel name. */
  name: string;
  /** The Teams channel id (19:…@thread.tacv2). */
  channelId: string;
  companyId: string;
  transport: TeamsTransport;
  conversations: ConversationStore;
  /**
   * Reads the channel (Microsoft Graph) to tell whether a post whose answer was lost landed. Without
   * it such a post can appear twice; the bot has no reader in anonymous local mode.
   */
  reader?: ChannelMessageReader;
  log?: Logger;
  now?: () => Date;
}

/** Roots changed this long before an item was planned cannot be its post (clock skew allowance). */
const LOOKUP_MARGIN_MS = 60 * 60_000;

/** The element id each card carries, so a lookup through Graph can recognise the item's message. */
export function cardMarker(item: Pick<OutboxItem, 'companyId' | 'id'>): string {
  return `sync-sentinel-${item.companyId}-${item.id}`;
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
    const address: ConversationAddress = {
      serviceUrl: stored.serviceUrl,
      conversationId: stored.conversationId,
      botId: stored.botId,
      ...(stored.botName ? { botName: stored.botName } : {}),
      ...(stored.tenantId ? { tenantId: stored.tenantId } : {}),
    };
    return { address, ...(stored.teamId ? { teamId: stored.teamId } : {}) };
  };

  const messageOf = (item: OutboxItem): OutgoingMessage => {
    const body = item.body;
    if (body.kind === 'parent')
      return {
        summary: parentSummary(body.view),
        card: markCard(withCompany(renderParentCard(body.view, now()), item.companyId), cardMarker(item)),
      };
    if (body.kind === 'thread')
      return {
        summary: threadSummary(body.update),
        card: markCard(withCompany(renderThreadCard(body.update), item.companyId), cardMarker(item)),
      };
    throw new SentinelError(
      'teams.unsupported',
      'client',
      `#${body.list.number}: Teams shows all records from the card, not as a message`,
      { retryable: false },
    );
  };

  const lookup = createChannelLookup({
    name: opts.name,
    channelId: opts.channelId,
    transport: opts.transport,
    ...(opts.reader ? { reader: opts.reader } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    what: 'a post whose answer was lost',
  });

  /** Asks Graph for the item's message; undefined when the channel cannot be read at all. */
  const lookUp = async (item: OutboxItem, thread: ThreadRef | null): Promise<string | null | undefined> => {
    if (!lookup.canRead) return undefined;
    const { address, teamId } = await channelAddress();
    return lookup.find(address, teamId, (where, reader) => {
      if (item.op === 'post_parent')
        return reader.findRoot(where, cardMarker(item), new Date(Date.parse(item.createdAt) - LOOKUP_MARGIN_MS));
      return thread ? reader.findReply(where, thread.parentRef, cardMarker(item)) : Promise.resolve(null);
    });
  };

  return {
    name: opts.name,
    async deliver(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt> {
      // Teams pages through all records from the card's "Show all records" instead of a file.
      if (item.body.kind === 'records') return { destination: thread?.destination ?? opts.channelId };
      const { address, teamId } = await channelAddress();
      const message = messageOf(item);
      try {
        if (item.op === 'post_parent') {
          const { threadId, activityId } = await opts.transport.startThread(address, message);
          await opts.conversations.recordSent({
            companyId: item.companyId,
            outboxId: item.id,
            conversationId: threadId,
            activityId,
            parentRef: activityId,
            at: now().toISOString(),
          });
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
        if (activityId)
          await opts.conversations.recordSent({
            companyId: item.companyId,
            outboxId: item.id,
            conversationId: thread.destination,
            activityId,
            at: now().toISOString(),
          });
        return { destination: thread.destination };
      } catch (err) {
        if (err instanceof SentinelError && err.code === NOT_IN_ROSTER) {
          await opts.conversations.markDead(
            item.companyId,
            { conversationId: opts.channelId, ...(teamId ? { teamId } : {}) },
            err.message,
            now().toISOString(),
          );
          throw new ChannelProblemError(
            NOT_IN_ROSTER,
            {
              kind: 'BotNotInConversationRoster',
              summary: `Teams says the app is no longer in the team of channel ${opts.channelId} (403)`,
              fix: 'add the app to that team again (Teams → Apps → Manage your apps)',
            },
            { cause: err },
          );
        }
        // Forbidden anywhere, or a channel Teams does not know: every post would be refused alike.
        if (
          err instanceof SentinelError &&
          (err.code === 'teams.forbidden' || (err.code === 'teams.not_found' && item.op === 'post_parent'))
        ) {
          const forbidden = err.code === 'teams.forbidden';
          throw new ChannelProblemError(
            err.code,
            forbidden
              ? {
                  kind: 'Forbidden',
                  summary: `Teams refuses the app's posts in channel ${opts.channelId} (403)`,
                  fix: 'check that the app is installed in that team and allowed to post in the channel',
                }
              : {
                  kind: 'NotFound',
                  summary: `Teams does not know channel ${opts.channelId} (404)`,
                  fix: 'check channel_id of this channel in the config, and that the channel was not deleted',
                },
            { cause: err },
          );
        }
        throw err;
      }
    },
    async findDelivered(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt | null> {
      // The activity id is written the moment Teams answers; the connector confirms it exists.
      const sent = await opts.conversations.findSent(item.companyId, item.id);
      if (sent) {
        const { address } = await channelAddress();
        const exists = await opts.transport
          .activityExists({ ...address, conversationId: sent.conversationId }, sent.activityId)
          .catch(() => true);
        if (!exists) return null;
        return { destination: sent.conversationId, ...(sent.parentRef ? { parentRef: sent.parentRef } : {}) };
      }
      if (item.op === 'edit_parent') return null;
      // No answer was recorded: Teams may still have acted (the answer was lost, or the process
      // stopped first). Look in the channel for the card's marker.
      const found = await lookUp(item, thread);
      if (!found) return null;
      const at = now().toISOString();
      if (item.op === 'post_parent') {
        const threadId = `${opts.channelId};messageid=${found}`;
        await opts.conversations.recordSent({
          companyId: item.companyId,
          outboxId: item.id,
          conversationId: threadId,
          activityId: found,
          parentRef: found,
          at,
        });
        return { destination: threadId, parentRef: found };
      }
      await opts.conversations.recordSent({
        companyId: item.companyId,
        outboxId: item.id,
        conversationId: thread!.destination,
        activityId: found,
        at,
      });
      return { destination: thread!.destination };
    },
  };
}
