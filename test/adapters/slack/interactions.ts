// A SlackInteractions that records what the app asked for, for tests of the Slack wiring only
// (registration, acks, signatures). Tests of what actions do use the real command layer.
import type { SlackInteractions } from '../../../adapters/slack/commands-api';

export function anInteractions(overrides: Partial<SlackInteractions> = {}): SlackInteractions & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async act(ref, action, actor) {
      log.push(`act ${ref} ${action.type} by ${actor.name}`);
      return { ok: false, code: 'not_found', message: `no incident ${ref} in this stub` };
    },
    mayAct: () => true,
    async status(text) {
      log.push(`status ${text}`);
      return {
        text: 'Sync health: healthy',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'healthy' } }],
        public: /\bpublic\b/.test(text),
      };
    },
    async home() {
      return { text: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'home' } }] };
    },
    async incidentTrace(ref) {
      return { number: Number(ref), title: 'Invoice missing', chains: [] };
    },
    async channelProblems() {
      return [];
    },
    async botJoined(channelId) {
      log.push(`joined ${channelId}`);
    },
    ...overrides,
  };
}
