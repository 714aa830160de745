// The leadership digest in a Teams channel: one new thread a week whose first card is the digest,
// with the rest of long lists as replies. The chart stays out: a channel bot cannot upload a file
// without Microsoft Graph, and an inline PNG would break the ~28 KB message limit.
import { renderDigestCard } from '../../src/digest/render-card';
import type { DigestView } from '../../src/digest/view';
import { SentinelError } from '../../src/domain/errors';
import type { ConversationStore } from '../../src/ports/conversation-store';
import type { DigestChart, DigestSender } from '../../src/ports/digest-sender';
import type { AdaptiveCard } from './cards/elements';
import { safeLine } from './cards/safe-text';
import type { TeamsTransport } from './transport';

export function createTeamsDigestSender(opts: { name: string; channelId: string; companyId: string; transport: TeamsTransport; conversations: ConversationStore }): DigestSender {
  return {
    channel: opts.name,
    async send(view: DigestView, _chart: DigestChart): Promise<void> {
      const stored = await opts.conversations.findConversation(opts.companyId, opts.channelId);
      if (!stored) throw new SentinelError('channel.not_installed', 'config', `Teams channel "${opts.name}" is not known to the bot yet: add the app to its team.`, { retryable: true });
      const address = { serviceUrl: stored.serviceUrl, conversationId: stored.conversationId, botId: stored.botId, ...(stored.botName ? { botName: stored.botName } : {}), ...(stored.tenantId ? { tenantId: stored.tenantId } : {}) };
      const digest = renderDigestCard(view);
      const summary = safeLine(`Weekly sync digest — ${view.week}`, 120);
      const { threadId } = await opts.transport.startThread(address, { summary, card: digest.card as unknown as AdaptiveCard });
      for (const card of digest.thread) await opts.transport.send({ ...address, conversationId: threadId }, { summary, card: card as unknown as AdaptiveCard });
    },
  };
}
