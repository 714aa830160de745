// One Slack app for the companies of a deployment: each command goes to one company's interactions.
// `/sync-status acme high` names it; in a channel bound to exactly one company it is implied; with
// neither, a bare `/sync-status` answers with every company at a glance, worst first. Buttons carry an
// incident number, so they go to the company of the channel they were pressed in.
import type { GlanceView } from '../../src/portfolio/glance';
import type { Block } from './block-limits';
import type { IncidentAction, SlackInteractions } from './commands-api';
import { mrkdwn } from './escape';
import { md } from './render-alert';
import { glanceBlocks, glanceText } from './render-portfolio';

const CLI_VERB: Record<IncidentAction['type'], string> = { acknowledge: 'ack', snooze: 'snooze', root_cause: 'cause' };

export interface RoutedCompany {
  id: string;
  /** The Slack channel ids of the company's configured channels. */
  channelIds: readonly string[];
  interactions: SlackInteractions;
}

export function routeInteractions(companies: readonly RoutedCompany[], glance: () => Promise<GlanceView>): SlackInteractions {
  const ids = companies.map((c) => c.id);
  const byId = new Map(companies.map((c) => [c.id, c]));
  const boundTo = (channelId: string | undefined) => {
    const bound = channelId ? companies.filter((c) => c.channelIds.includes(channelId)) : [];
    return bound.length === 1 ? bound[0] : undefined;
  };
  const refusal = (message: string) => ({ ok: false as const, code: 'not_found' as const, message });
  const atAGlance = async (): Promise<{ blocks: Block[]; text: string }> => {
    const g = await glance();
    return { text: glanceText(g), blocks: glanceBlocks(g) };
  };
  const forChannel = (channelId: string | undefined) => boundTo(channelId) ?? (companies.length === 1 ? companies[0] : undefined);
  return {
    async act(ref, action, actor) {
      const company = forChannel(actor.channelId);
      if (!company)
        return refusal(
          `This channel is not one company’s, so #${ref} could be an incident of ${ids.join(' or ')}: use \`sync-sentinel ${CLI_VERB[action.type]} ${ref} … --company <id>\`.`,
        );
      return company.interactions.act(ref, action, actor);
    },
    mayAct: (actor) => {
      const company = forChannel(actor.channelId);
      return company ? company.interactions.mayAct(actor) : companies.some((c) => c.interactions.mayAct(actor));
    },
    async status(text, channelId) {
      const [first = '', ...rest] = text.trim().split(/\s+/);
      const named = byId.get(first.toLowerCase());
      if (named) return named.interactions.status(rest.join(' '), channelId);
      const company = forChannel(channelId);
      if (company) return company.interactions.status(text, channelId);
      if (text.trim() === '') return { ...(await atAGlance()), public: false };
      const hint = `Name the company first, e.g. \`/sync-status ${ids[0]} ${text.trim()}\` — this deployment watches ${ids.join(', ')}.`;
      return { text: hint, blocks: [md(mrkdwn(hint))], public: false };
    },
    home: () => (companies.length === 1 ? companies[0]!.interactions.home() : atAGlance()),
    async incidentTrace(ref) {
      // Without the channel, the number alone is only certain when one company has it.
      const found = (await Promise.all(companies.map((c) => c.interactions.incidentTrace(ref)))).filter((t) => t !== null);
      return found.length === 1 ? found[0]! : null;
    },
    async channelProblems() {
      return (await Promise.all(companies.map((c) => c.interactions.channelProblems()))).flat();
    },
    async botJoined(channelId) {
      for (const c of companies) await c.interactions.botJoined(channelId);
    },
  };
}
