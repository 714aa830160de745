// The leadership digest in a Teams channel: one new thread a week whose first card is the digest,
// with the rest of long lists as replies. The chart stays out: a channel bot cannot upload a file
// without Microsoft Graph, and an inline PNG would break the ~28 KB message limit.
//
// Landing once (src/digest/send-resumable.ts, as in Slack): the digest card and each reply carry a
// marker (an element id, as alert cards do). A retry continues from what the last attempt recorded,
// and otherwise looks through Microsoft Graph for the marked root and replies first, so an answer
// lost after Teams posted, or a process that stopped, never brings a second digest. Without a reader
// (anonymous local mode) it cannot look, and posts what it has no record of. A root card deleted by
// hand since (the connector no longer knows it) is posted again, whole. The owner's portfolio digest
// (src/portfolio) lands the same way, under its own marker.
import { sendResumable, type DigestThreadOps } from '../../src/digest/send-resumable';
import type { DigestView } from '../../src/digest/view';
import { SentinelError } from '../../src/domain/errors';
import { replyPart, type DigestAttempt, type DigestChart, type DigestSender } from '../../src/ports/digest-sender';
import { TEAMS_LIMITS } from './cards/card-limits';
import { renderDigestCard } from './cards/digest-card';
import { markCard, type AdaptiveCard } from './cards/elements';
import { renderPortfolioCard } from './cards/portfolio-card';
import type { PortfolioView } from '../../src/portfolio/portfolio-view';
import { PORTFOLIO_KEY, type PortfolioSender } from '../../src/portfolio/run-portfolio';
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
  const land = threadLander(opts, (week, part) => digestMarker(opts.companyId, week, part));
  return {
    channel: opts.name,
    send: (view: DigestView, _chart: DigestChart, attempt: DigestAttempt = noRecord) =>
      land({ week: view.week, ...renderDigestCard(view), summary: `Weekly sync digest — ${view.week}` }, attempt),
  };
}

/**
 * The owner's portfolio digest in a Teams channel, landed once a week as a company's digest is.
 * `companyId` names a company whose install recorded the channel; the cards carry the portfolio's own marker.
 */
export function createTeamsPortfolioSender(opts: TeamsDigestSenderOptions & { key?: string }): PortfolioSender {
  const key = opts.key ?? PORTFOLIO_KEY;
  const land = threadLander(opts, (week, part) => `sync-sentinel-portfolio-${key}-${week}${part === 'main' ? '' : `-${part}`}`);
  return {
    channel: opts.name,
    send: (view: PortfolioView, _chart: DigestChart, attempt: DigestAttempt) =>
      land({ week: view.week, ...renderPortfolioCard(view), summary: `Weekly portfolio digest — ${view.week}` }, attempt),
  };
}

/** One week's root card and its follow-ups, whatever digest they render. */
interface ThreadDigest {
  week: string;
  card: AdaptiveCard;
  thread: AdaptiveCard[];
  summary: string;
}

function threadLander(opts: TeamsDigestSenderOptions, markerOf: (week: string, part: string) => string) {
  const now = opts.now ?? (() => new Date());
  const lookup = createChannelLookup({
    name: opts.name,
    channelId: opts.channelId,
    transport: opts.transport,
    ...(opts.reader ? { reader: opts.reader } : {}),
    ...(opts.log ? { log: opts.log } : {}),
    what: 'a digest whose answer was lost',
  });

  return async (digest: ThreadDigest, attempt: DigestAttempt): Promise<void> => {
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
    const marker = (part: string) => markerOf(digest.week, part);
    const summary = safeLine(digest.summary, TEAMS_LIMITS.summary);
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
          if (await lookup.find(address, stored.teamId, (where, reader) => reader.findReply(where, mainRef, marker(part)))) found.add(part);
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
  };
}
