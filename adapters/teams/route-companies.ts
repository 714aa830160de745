// One Teams bot endpoint for the companies of a deployment: each activity goes to one company's bot.
// A command names its company (`@bot sync-status acme high`), or the conversation implies it (a
// company's configured channel, or a conversation only one company has on record); with neither, a
// bare `sync-status` answers with every company at a glance. A card button carries the company whose
// card it was. Installs and removals reach every company they may concern, since each company keeps
// its own record of where the bot lives.
import type { ConversationStore } from '../../src/ports/conversation-store';
import type { Logger } from '../../src/ports/logger';
import { readActionData } from './cards/card-actions';
import { COMMAND } from './teams-bot';
import type { InboundContext, InboundEvent, InboundHandler, InboundReply, OutgoingMessage } from './transport';

export interface RoutedTeamsCompany {
  id: string;
  /** The Teams channel ids of the company's configured Teams channels. */
  channelIds: readonly string[];
  conversations: Pick<ConversationStore, 'findConversation'>;
  /** The company's own bot. */
  handler: InboundHandler;
}

/** The conversation an activity came from: the channel in a channel (a thread is part of it), else the chat. */
function whereFrom(ctx: InboundContext): string {
  return (ctx.channelId ?? ctx.address.conversationId).split(';')[0]!;
}

export function routeTeamsActivities(
  companies: readonly RoutedTeamsCompany[],
  glance: () => Promise<OutgoingMessage>,
  log: Logger,
): InboundHandler {
  const ids = companies.map((c) => c.id);
  const byId = new Map(companies.map((c) => [c.id.toLowerCase(), c]));

  const boundTo = async (ctx: InboundContext): Promise<RoutedTeamsCompany | undefined> => {
    if (companies.length === 1) return companies[0];
    const where = whereFrom(ctx);
    const configured = companies.filter((c) => c.channelIds.includes(where));
    if (configured.length > 0) return configured.length === 1 ? configured[0] : undefined;
    const recorded = [];
    for (const c of companies) if (await c.conversations.findConversation(c.id, where)) recorded.push(c);
    return recorded.length === 1 ? recorded[0] : undefined;
  };

  /** An install in a team goes to the companies with a channel in it; anywhere else, to every company. */
  const concerned = (channelIds: readonly string[]) => {
    const some = companies.filter((c) => c.channelIds.some((id) => channelIds.includes(id)));
    return some.length > 0 ? some : companies;
  };
  const each = async (targets: readonly RoutedTeamsCompany[], event: InboundEvent) => {
    for (const c of targets) await c.handler.handle(event);
    return {};
  };

  const onMessage = async (event: Extract<InboundEvent, { type: 'message' }>): Promise<InboundReply> => {
    const query = event.text.replace(COMMAND, '').trim();
    const [first = '', ...rest] = query.split(/\s+/);
    const named = companies.length > 1 ? byId.get(first.toLowerCase()) : undefined;
    if (named) return named.handler.handle({ ...event, text: rest.join(' ') });
    const company = await boundTo(event.context);
    if (company) return company.handler.handle(event);
    if (query === '') return { post: await glance() };
    return {
      toast: `Name the company first, e.g. "sync-status ${ids[0]} ${query}": this conversation is not one company's, and this deployment watches ${ids.join(', ')}.`,
    };
  };

  const onCardAction = async (event: Extract<InboundEvent, { type: 'card_action' }>): Promise<InboundReply> => {
    const named = readActionData(event.verb, event.data)?.company;
    if (named !== undefined) {
      const company = byId.get(named.toLowerCase());
      if (company) return company.handler.handle(event);
      log.warn({ company: named }, 'Teams: a card button names a company this deployment does not watch');
      return { toast: `This card is from company "${named}", which this deployment no longer watches.` };
    }
    // Cards posted before they carried their company: the conversation tells, when it is one company's.
    const company = await boundTo(event.context);
    if (company) return company.handler.handle(event);
    return {
      toast: `This card does not say which company it is from, and this conversation is not one company's: use \`sync-sentinel ack|snooze|cause … --company <id>\` (${ids.join(', ')}).`,
    };
  };

  return {
    async seen(ctx) {
      // Each company refreshes its own records of the conversation; one without a record has nothing to move.
      for (const c of companies) await c.handler.seen(ctx);
    },
    async handle(event) {
      switch (event.type) {
        case 'installed':
          return each(event.context.teamId ? concerned(event.channels.map((ch) => ch.id)) : companies, event);
        case 'channel_created':
          return each(concerned([event.channel.id]), event);
        case 'uninstalled':
          return each(companies, event);
        case 'message':
          return onMessage(event);
        case 'card_action':
          return onCardAction(event);
      }
    },
  };
}
