// The leadership digest in a Teams channel: one new thread a week whose first card is the digest,
// with the rest of long lists as replies. The chart stays out: a channel bot cannot upload a file
// without Microsoft Graph, and an inline PNG would break the ~28 KB message limit.
//
// Landing once: the digest card and each reply carry a marker (an element id, as alert cards do).
// A retry continues from what the last attempt recorded, and otherwise looks through Microsoft
// Graph for the marked root and replies first, so an answer lost after Teams posted, or a process
// that stopped, never brings a second digest. Without a reader (anonymous local mode) it cannot
// look, and posts what it has no record of.
import { renderDigestCard } from '../../src/digest/render-card';
import type { DigestView } from '../../src/digest/view';
import { SentinelError } from '../../src/domain/errors';
import { replyPart, type DigestAttempt, type DigestChart, type DigestSender, type DigestSteps } from '../../src/ports/digest-sender';
import { markCard, type AdaptiveCard } from './cards/elements';
import { safeLine } from './cards/safe-text';
import { createChannelLookup } from './graph/channel-lookup';
import type { TeamsChannelOptions } from './teams-channel';
import type { ConversationAddress } from './transport';

/** A week's digest is posted within its week: roots changed before this cannot be it. */
const LOOKUP_DAYS = 8;

/** The element id of the digest card (`part` main) or of its reply `reply-<n>`. */
export function digestMarker(companyId: string, week: string, part: string): string {
  return `sync-sentinel-digest-${companyId}-${week}${part === 'main' ? '' : `-${part}`}`;
}

/** The same settings as a Teams alert channel (the reader finds a digest whose answer was lost). */
export type TeamsDigestSenderOptions = TeamsChannelOptions;

const noRecord: DigestAttempt = { fresh: false, recorded: null, record: async () => {} };

export function createTeamsDigestSender(opts: TeamsDigestSenderOptions): DigestSender {
  const now = opts.now ?? (() => new Date());
  const lookup = createChannelLookup({ name: opts.name, channelId: opts.channelId, transport: opts.transport, ...(opts.reader ? { reader: opts.reader } : {}), ...(opts.log ? { log: opts.log } : {}), what: 'a digest whose answer was lost' });

  return {
    channel: opts.name,
    async send(view: DigestView, _chart: DigestChart, attempt: DigestAttempt = noRecord): Promise<void> {
      const stored = await opts.conversations.findConversation(opts.companyId, opts.channelId);
      if (!stored) throw new SentinelError('channel.not_installed', 'config', `Teams channel "${opts.name}" is not known to the bot yet: add the app to its team.`, { retryable: true });
      const address: ConversationAddress = { serviceUrl: stored.serviceUrl, conversationId: stored.conversationId, botId: stored.botId, ...(stored.botName ? { botName: stored.botName } : {}), ...(stored.tenantId ? { tenantId: stored.tenantId } : {}) };
      const week = view.week;
      const marker = (part: string) => digestMarker(opts.companyId, week, part);
      const digest = renderDigestCard(view);
      const summary = safeLine(`Weekly sync digest — ${week}`, 120);
      const parts = digest.thread.map((_, i) => replyPart(i + 1));

      let steps: DigestSteps | null = attempt.fresh ? null : attempt.recorded;
      if (!steps && !attempt.fresh) {
        const since = new Date(now().getTime() - LOOKUP_DAYS * 86_400_000);
        const found = await lookup.find(address, stored.teamId, (where, reader) => reader.findRoot(where, marker('main'), since));
        if (found) {
          steps = { mainRef: found, done: [] };
          await attempt.record(steps);
        }
      }
      let posted: string | null = null;
      if (!steps) {
        const { threadId, activityId } = await opts.transport.startThread(address, { summary, card: markCard(digest.card as unknown as AdaptiveCard, marker('main')) });
        steps = { mainRef: activityId, done: [] };
        posted = threadId;
        await attempt.record(steps);
      }

      const mainRef = steps.mainRef;
      const done = new Set(steps.done);
      const thread: ConversationAddress = { ...address, conversationId: posted ?? `${opts.channelId};messageid=${mainRef}` };
      for (const [i, card] of digest.thread.entries()) {
        const part = parts[i]!;
        if (done.has(part)) continue;
        // A reply the last attempt sent without hearing back may be there already.
        if (posted === null) {
          const found = await lookup.find(address, stored.teamId, (where, reader) => reader.findReply(where, mainRef, marker(part)));
          if (found) {
            done.add(part);
            await attempt.record({ mainRef, done: parts.filter((p) => done.has(p)) });
            continue;
          }
        }
        await opts.transport.send(thread, { summary, card: markCard(card as unknown as AdaptiveCard, marker(part)) });
        done.add(part);
        await attempt.record({ mainRef, done: parts.filter((p) => done.has(p)) });
      }
    },
  };
}
