// The leadership digest in a Teams channel: one new thread a week whose first card is the digest,
// with the rest of long lists as replies. The chart stays out: a channel bot cannot upload a file
// without Microsoft Graph, and an inline PNG would break the ~28 KB message limit.
//
// Landing once (src/digest/send-resumable.ts, as in Slack): the digest card and each reply carry a
// marker (an element id, as alert cards do). A retry continues from what the last attempt recorded,
// and otherwise looks through Microsoft Graph for the marked root and replies first, so an answer
// lost after Teams posted, or a process that stopped, never brings a second digest. Without a reader
// (anonymous local mode) it cannot look, and posts what it has no record of. A root card deleted by
// hand since (the connector no longer knows it) is posted again, whole.
import { sendResumable, type DigestThreadOps } from '../../src/digest/send-resumable';
import type { DigestView } from '../../src/digest/view';
import { SentinelError } from '../../src/domain/errors';
import { replyPart, type DigestAttempt, type DigestChart, type DigestSender } from '../../src/ports/digest-sender';
import { TEAMS_LIMITS } from './cards/card-limits';
import { renderDigestCard } from './cards/digest-card';
import { markCard } from './cards/elements';
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
  const lookup = createChannelLookup({
    name: opts.name,
    channelId: opts.channelId,
    transport: opts.transport,
    ...(opts.reader ? { reader: opts.reader } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    what: 'a digest whose answer was lost',
  });

  return {
    channel: opts.name,
    async send(view: DigestView, _chart: DigestChart, attempt: DigestAttempt = noRecord): Promise<void> {
      const stored = await opts.conversations.findConversation(opts.companyId, opts.channelId);
      if (!stored)
        throw new SentinelError(
          'channel.not_installed',
          'config',
          `Teams channel "${opts.name}" is not known to the bot yet: add the app to its team.`,
          { retryable: true },
        );
      const address: ConversationAddress = {
        serviceUrl: stored.serviceUrl,
        conversationId: stored.conversationId,
        botId: stored.botId,
        ...(stored.botName ? { botName: stored.botName } : {}),
        ...(stored.tenantId ? { tenantId: stored.tenantId } : {}),
      };
      const week = view.week;
      const marker = (part: string) => digestMarker(opts.companyId, week, part);
      const digest = renderDigestCard(view);
      const summary = safeLine(`Weekly sync digest — ${week}`, TEAMS_LIMITS.summary);
      const replies = new Map(digest.thread.map((card, i) => [replyPart(i + 1), card]));
      /** The thread under the digest's root card; Teams names it after the root's activity id. */
      const threadOf = (mainRef: string): ConversationAddress => ({ ...address, conversationId: `${opts.channelId};messageid=${mainRef}` });

      const ops: DigestThreadOps = {
        async findMain() {
          const since = new Date(now().getTime() - LOOKUP_DAYS * 86_400_000);
          return (await lookup.find(address, stored.teamId, (where, reader) => reader.findRoot(where, marker('main'), since))) ?? null;
        },
        async landed(mainRef, parts) {
          // The connector answers for the root card even without Graph: a card deleted by hand is posted again.
          if (!(await opts.transport.activityExists(threadOf(mainRef), mainRef))) return 'gone';
          const found = new Set<string>();
          for (const part of parts) {
            // A reply the last attempt sent without hearing back may be there already.
            if (await lookup.find(address, stored.teamId, (where, reader) => reader.findReply(where, mainRef, marker(part))))
              found.add(part);
          }
          return found;
        },
        async postMain() {
          return (await opts.transport.startThread(address, { summary, card: markCard(digest.card, marker('main')) })).activityId;
        },
        async postPart(mainRef, part) {
          await opts.transport.send(threadOf(mainRef), { summary, card: markCard(replies.get(part)!, marker(part)) });
        },
      };
      await sendResumable(ops, [...replies.keys()], attempt);
    },
  };
}
