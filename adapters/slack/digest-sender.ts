// The leadership digest in Slack: one message in the digest channel, the rest of long lists and the
// 8-week chart (files.uploadV2 flow) in its thread, so the channel holds one message a week.
//
// Landing once (src/digest/send-resumable.ts): the main message and each reply carry message metadata
// (company, week, part). A retry continues from what the last attempt recorded, and otherwise looks
// first: the channel's recent history for the main message, its thread for the replies and the chart
// (by file name), so an answer lost after Slack posted, or a process that stopped, never brings a
// second digest. A thread Slack no longer knows (deleted by hand) is posted again, whole.
// The owner's portfolio digest (src/portfolio) lands the same way, under its own metadata event type.
import { SentinelError } from '../../src/domain/errors';
import { PARENT_GONE } from '../../src/notify/deliver';
import { sendResumable, type DigestThreadOps } from '../../src/digest/send-resumable';
import type { DigestView } from '../../src/digest/view';
import { CHART_PART, replyPart, type DigestAttempt, type DigestChart, type DigestSender } from '../../src/ports/digest-sender';
import { postBlocks, uploadFile, type MessageMetadata } from './post-file';
import { renderDigestBlocks } from './render-digest';
import { renderPortfolioBlocks } from './render-portfolio';
import type { SlackMessage } from './render-alert';
import type { PortfolioView } from '../../src/portfolio/portfolio-view';
import { PORTFOLIO_KEY, type PortfolioSender } from '../../src/portfolio/run-portfolio';
import { scanMessages, type SeenMessage } from './scan-messages';
import type { SlackWebClient } from './web-client';

/** Message metadata event type of the digest's messages. */
export const DIGEST_EVENT = 'sync_sentinel_digest';
/** And of the portfolio digest's: a company id can never pass for the portfolio. */
const PORTFOLIO_EVENT = 'sync_sentinel_portfolio';

/** The main message is looked for among this many recent messages of the channel, and its thread as far. */
const LOOKUP_SCAN = 1000;
/** A week's digest is posted within its week: history older than this cannot hold it. */
const LOOKUP_DAYS = 8;

export interface SlackDigestSenderOptions {
  name: string;
  channelId: string;
  companyId: string;
  client: SlackWebClient;
  now?: () => Date;
}

const noRecord: DigestAttempt = { fresh: false, recorded: null, record: async () => {} };

export function createSlackDigestSender(opts: SlackDigestSenderOptions): DigestSender {
  const land = threadLander(opts, DIGEST_EVENT);
  return {
    channel: opts.name,
    send: (view: DigestView, chart: DigestChart, attempt: DigestAttempt = noRecord) =>
      land(
        {
          week: view.week,
          ...renderDigestBlocks(view),
          chartTitle: `Open incidents and money at risk, 8 weeks to ${view.week}`,
          chartAlt: `Chart: open incidents by severity and money at risk over the 8 weeks to ${view.week}`,
        },
        chart,
        attempt,
      ),
  };
}

/** The owner's portfolio digest in Slack: landed once a week exactly as a company's digest is, under its own metadata. */
export function createSlackPortfolioSender(opts: Omit<SlackDigestSenderOptions, 'companyId'> & { key?: string }): PortfolioSender {
  const land = threadLander({ ...opts, companyId: opts.key ?? PORTFOLIO_KEY }, PORTFOLIO_EVENT);
  return {
    channel: opts.name,
    send: (view: PortfolioView, chart: DigestChart, attempt: DigestAttempt) =>
      land(
        {
          week: view.week,
          ...renderPortfolioBlocks(view),
          chartTitle: `Money at risk by company, ${view.week}`,
          chartAlt: `Chart: money at risk of the companies with the most at stake in ${view.week}, coloured by health`,
        },
        chart,
        attempt,
      ),
  };
}

/** One week's message, its thread replies and the chart's words, whatever digest they render. */
interface ThreadDigest {
  week: string;
  main: SlackMessage;
  thread: SlackMessage[];
  chartTitle: string;
  chartAlt: string;
}

function threadLander(opts: SlackDigestSenderOptions, eventType: string) {
  const { client, channelId } = opts;
  const now = opts.now ?? (() => new Date());
  const where = `channel "${opts.name}" (${channelId})`;

  const metadata = (week: string, part: string): MessageMetadata => ({
    event_type: eventType,
    event_payload: { company_id: opts.companyId, week, part },
  });
  const partOf = (m: SeenMessage, week: string): string | null => {
    const meta = m.metadata;
    if (meta?.event_type !== eventType) return null;
    const p = meta.event_payload ?? {};
    return p['company_id'] === opts.companyId && p['week'] === week && typeof p['part'] === 'string' ? p['part'] : null;
  };

  /** The ts of this week's main digest message in the channel's recent history, newest first. */
  const findMain = async (week: string): Promise<string | null> => {
    const oldest = Math.floor(now().getTime() / 1000 - LOOKUP_DAYS * 86_400).toString();
    let found: string | null = null;
    await scanMessages(client, { channel: channelId, oldest, label: where }, LOOKUP_SCAN, (m) => {
      if (partOf(m, week) === 'main' && m.ts) found = String(m.ts);
      return found !== null;
    });
    return found;
  };

  /** The parts already in the main message's thread: replies by their metadata, the chart by its file name. */
  const partsInThread = async (mainRef: string, week: string, chartName: string): Promise<Set<string>> => {
    const parts = new Set<string>();
    await scanMessages(client, { channel: channelId, threadTs: mainRef, label: where }, LOOKUP_SCAN, (m) => {
      if (m.ts === mainRef) return false;
      const part = partOf(m, week);
      if (part) parts.add(part);
      if ((m.files ?? []).some((f) => f.name === chartName)) parts.add(CHART_PART);
      return false;
    });
    return parts;
  };

  return async (digest: ThreadDigest, chart: DigestChart, attempt: DigestAttempt): Promise<void> => {
    const week = digest.week;
    const replies = new Map(digest.thread.map((reply, i) => [replyPart(i + 1), reply]));
    const ops: DigestThreadOps = {
      findMain: () => findMain(week),
      async landed(mainRef) {
        try {
          return await partsInThread(mainRef, week, chart.fileName);
        } catch (err) {
          // The digest was deleted by hand since: it is posted again, whole.
          if (err instanceof SentinelError && err.code === PARENT_GONE) return 'gone';
          throw err;
        }
      },
      async postMain() {
        return (await postBlocks(client, channelId, { ...digest.main, metadata: metadata(week, 'main') })).ts;
      },
      async postPart(mainRef, part) {
        if (part !== CHART_PART) {
          await postBlocks(client, channelId, { ...replies.get(part)!, threadTs: mainRef, metadata: metadata(week, part) });
          return;
        }
        await uploadFile(client, {
          channel: channelId,
          filename: chart.fileName,
          data: chart.png,
          title: digest.chartTitle,
          altText: digest.chartAlt,
          threadTs: mainRef,
        });
      },
    };
    await sendResumable(ops, [...replies.keys(), CHART_PART], attempt);
  };
}
