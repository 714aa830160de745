// SlackInteractions from the channel-neutral command layer: actions go through the service (so they
// never run during a poll, and what they change is delivered at once); answers are read from the store.
import { mayAct } from '../../src/commands/permissions';
import type { CommandResult, IncidentAction } from '../../src/commands/incident-commands';
import type { Actor } from '../../src/commands/actor';
import { answerStatusQuery } from '../../src/commands/status-answer';
import { parseStatusQuery } from '../../src/commands/status-query';
import type { Config } from '../../src/config/schema';
import { SentinelError } from '../../src/domain/errors';
import { activeFindings } from '../../src/incidents/model';
import { byImportance } from '../../src/notify/build-view';
import type { ChannelHealthStore } from '../../src/ports/channel-health';
import type { StorePort } from '../../src/ports/store';
import type { SlackInteractions } from './commands-api';
import { answerBlocks, homeBlocks } from './render-status';

export interface InteractionDeps {
  config: Config;
  store: StorePort;
  health: ChannelHealthStore;
  /** The service's operator command: serialised with polls, delivers what it planned. */
  command: (ref: string, action: IncidentAction, actor: Actor) => Promise<CommandResult>;
  /** Sends a channel's held alerts now (the service's `retryHeld`). */
  retryHeld?: (channelName: string) => Promise<unknown>;
  now?: () => Date;
}

const TRACE_FINDINGS = 5;

export function createSlackInteractions(deps: InteractionDeps): SlackInteractions {
  const now = deps.now ?? (() => new Date());
  const companyId = deps.config.company.id;
  const statusDeps = { config: deps.config, store: deps.store, now };
  const problems = () => deps.health.openProblems(companyId);
  return {
    act: (ref, action, actor) => deps.command(ref, action, actor),
    mayAct: (actor) => mayAct(deps.config, actor),
    async status(text) {
      const query = parseStatusQuery(text);
      const answer = await answerStatusQuery(statusDeps, query);
      const rendered = answerBlocks(answer, now(), answer.kind === 'status' ? await problems() : []);
      return { ...rendered, public: 'public' in answer && answer.public };
    },
    async home() {
      const answer = await answerStatusQuery(statusDeps, { kind: 'status', filters: {}, public: false });
      if (answer.kind !== 'status')
        throw new SentinelError('slack.app_home', 'server', 'a status query answered something else', { retryable: false });
      return { blocks: homeBlocks(answer, now(), await problems()), text: 'Sync health' };
    },
    async incidentTrace(ref) {
      const incident = await deps.store.loadIncident(companyId, ref);
      if (!incident) return null;
      const findings = activeFindings(incident)
        .map((f) => f.finding)
        .sort(byImportance)
        .slice(0, TRACE_FINDINGS);
      return {
        number: incident.number,
        title: incident.title,
        chains: findings.filter((f) => f.trace.length > 0).map((f) => ({ label: f.subject.label, hops: f.trace })),
      };
    },
    channelProblems: problems,
    async botJoined(channelId) {
      for (const c of deps.config.channels) if (c.type === 'slack' && c.channel_id === channelId) await deps.retryHeld?.(c.name);
    },
  };
}
