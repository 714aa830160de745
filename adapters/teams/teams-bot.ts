// What the bot does with what Teams sends: remembers where it was installed, answers
// `@bot sync-status …`, and turns card buttons into the same incident commands as every chat.
import type { Actor } from '../../src/commands/actor';
import type { CommandResult, IncidentAction } from '../../src/commands/incident-commands';
import type { StatusAnswer } from '../../src/commands/status-answer';
import { parseStatusQuery, type StatusQuery } from '../../src/commands/status-query';
import type { ConversationRecord, ConversationStore } from '../../src/ports/conversation-store';
import type { Logger } from '../../src/ports/logger';
import { parseDuration } from '../../src/rules/values';
import { INPUTS, readActionData, VERBS, withCompany } from './cards/card-actions';
import { safeLine } from './cards/safe-text';
import { renderAnswerCard, traceCard } from './cards/status-card';
import { incidentTrace } from './incident-trace';
import { recordsPageCard } from './cards/records-card';
import { recordsOf } from '../../src/notify/records-list';
import type { InboundContext, InboundEvent, InboundHandler, InboundReply } from './transport';
import type { StorePort } from '../../src/ports/store';
import type { ChannelProblem } from '../../src/notify/channel-health';

export interface TeamsBotDeps {
  companyId: string;
  /**
   * Inbound activities carry a verified Bot Framework token. Without one (no MICROSOFT_APP_ID) an
   * activity may add a conversation but never moves a stored serviceUrl: it could name any server.
   */
  authenticated: boolean;
  conversations: ConversationStore;
  /** The service's operator command (serialised with polls, then delivered). */
  command(ref: string, action: IncidentAction, actor: Actor): Promise<CommandResult>;
  answer(query: StatusQuery): Promise<StatusAnswer>;
  store: Pick<StorePort, 'loadIncident'>;
  /** The app was added where alerts may be held: send them now rather than after backoff. */
  installed?: (conversationIds: string[]) => void;
  /** Alerts held because a chat refused them (channel health), shown above the status. */
  heldProblems?: () => Promise<ChannelProblem[]>;
  log: Logger;
  now?: () => Date;
}

/** The command word a message may start with (`@bot sync-status …`); the rest is the query. */
export const COMMAND = /^\/?sync[-_ ]?status\b/i;

export function createTeamsBot(deps: TeamsBotDeps): InboundHandler {
  const now = deps.now ?? (() => new Date());

  const save = async (ctx: InboundContext, conversationId: string, kind: ConversationRecord['kind'], name?: string) => {
    const a = ctx.address;
    const known = deps.authenticated ? null : await deps.conversations.findConversation(deps.companyId, conversationId);
    await deps.conversations.saveConversation({
      companyId: deps.companyId,
      conversationId,
      kind,
      serviceUrl: known?.serviceUrl ?? a.serviceUrl,
      botId: a.botId,
      status: 'active',
      updatedAt: now().toISOString(),
      ...(a.botName ? { botName: a.botName } : {}),
      ...(a.tenantId ? { tenantId: a.tenantId } : {}),
      ...(ctx.teamId ? { teamId: ctx.teamId } : {}),
      ...(ctx.teamName ? { teamName: ctx.teamName } : {}),
      ...(name ? { name } : {}),
    });
  };

  const onCardAction = async (event: Extract<InboundEvent, { type: 'card_action' }>): Promise<InboundReply> => {
    const action = readActionData(event.verb, event.data);
    if (!action) return { toast: 'This button is not one sync-sentinel knows; use the buttons on the newest alert card.' };
    const actor: Actor = {
      platform: 'teams',
      id: event.user.id,
      name: event.user.name,
      channelId: event.context.channelId ?? event.context.address.conversationId,
    };
    // The answer names people and incidents: record text, made safe like every card's.
    const run = async (act: IncidentAction) => ({ toast: safeLine((await deps.command(action.incident, act, actor)).message, 500) });
    switch (action.verb) {
      case VERBS.acknowledge:
        return run({ type: 'acknowledge' });
      case VERBS.snooze: {
        const forMs = parseDuration(action.inputs[INPUTS.snoozeFor] ?? '1d');
        return forMs === undefined ? { toast: 'Pick how long to snooze for.' } : run({ type: 'snooze', forMs });
      }
      case VERBS.rootCause:
        return run({ type: 'root_cause', text: action.inputs[INPUTS.rootCause] ?? '' });
      case VERBS.showTrace: {
        const trace = await incidentTrace(deps.store, deps.companyId, action.incident);
        if (!trace) return { toast: 'That incident is not known any more.' };
        const card = traceCard(`Trace of #${trace.number} ${trace.title}`, trace.chains, `#${trace.number}: no trace to show.`);
        return { toast: `Trace of #${trace.number} posted below.`, post: { summary: `Trace of #${trace.number}`, card } };
      }
      case VERBS.showRecords: {
        const incident = await deps.store.loadIncident(deps.companyId, action.incident);
        if (!incident) return { toast: 'That incident is not known any more.' };
        const page = recordsPageCard(recordsOf(incident), action.page ?? 1);
        const message = { summary: page.summary, card: withCompany(page.card, deps.companyId) };
        return action.inPlace ? { replace: message } : { toast: `All records of #${incident.number} posted below.`, post: message };
      }
    }
  };

  return {
    async seen(ctx) {
      if (!deps.authenticated) return;
      const conversationId = ctx.channelId ?? ctx.address.conversationId;
      await deps.conversations.refreshServiceUrl(
        deps.companyId,
        { conversationId, ...(ctx.teamId ? { teamId: ctx.teamId } : {}) },
        ctx.address.serviceUrl,
        now().toISOString(),
      );
    },
    async handle(event) {
      switch (event.type) {
        case 'installed': {
          const ctx = event.context;
          if (ctx.teamId) {
            for (const channel of event.channels)
              await save(ctx, channel.id, 'channel', channel.name ?? (channel.id === ctx.teamId ? 'General' : undefined));
            deps.log.info({ team: ctx.teamName ?? ctx.teamId, channels: event.channels.length }, 'Teams: app added to a team');
            deps.installed?.(event.channels.map((c) => c.id));
          } else {
            await save(ctx, ctx.address.conversationId, ctx.kind);
            deps.log.info({ kind: ctx.kind }, 'Teams: app added to a chat');
          }
          return {};
        }
        case 'uninstalled':
          await deps.conversations.markDead(
            deps.companyId,
            {
              conversationId: event.context.channelId ?? event.context.address.conversationId,
              ...(event.context.teamId ? { teamId: event.context.teamId } : {}),
            },
            'the app was removed',
            now().toISOString(),
          );
          deps.log.warn(
            { team: event.context.teamName ?? event.context.teamId ?? null },
            'Teams: app removed; alerts routed there wait until it is added again',
          );
          return {};
        case 'channel_created':
          await save(event.context, event.channel.id, 'channel', event.channel.name);
          return {};
        case 'message': {
          const query = parseStatusQuery(event.text.replace(COMMAND, '').trim());
          const answer = await deps.answer(query);
          const problems = answer.kind === 'status' && deps.heldProblems ? await deps.heldProblems() : [];
          return { post: { summary: 'sync-status', card: renderAnswerCard(answer, now(), problems) } };
        }
        case 'card_action':
          return onCardAction(event);
      }
    },
  };
}
