// The leadership digest in Slack: one message in the digest channel, the rest of long lists and the
// 8-week chart (files.uploadV2 flow) in its thread, so the channel holds one message a week.
import { renderDigestBlocks } from '../../src/digest/render-blocks';
import type { DigestView } from '../../src/digest/view';
import type { DigestChart, DigestSender } from '../../src/ports/digest-sender';
import type { Block } from './block-limits';
import { postBlocks, uploadFile } from './post-file';
import type { SlackWebClient } from './web-client';

export function createSlackDigestSender(opts: { name: string; channelId: string; client: SlackWebClient }): DigestSender {
  return {
    channel: opts.name,
    async send(view: DigestView, chart: DigestChart): Promise<void> {
      const digest = renderDigestBlocks(view);
      const { ts } = await postBlocks(opts.client, opts.channelId, { text: digest.main.text, blocks: digest.main.blocks as Block[] });
      for (const reply of digest.thread) await postBlocks(opts.client, opts.channelId, { text: reply.text, blocks: reply.blocks as Block[], threadTs: ts });
      await uploadFile(opts.client, {
        channel: opts.channelId,
        filename: chart.fileName,
        data: chart.png,
        title: `Open incidents and money at risk, 8 weeks to ${view.week}`,
        altText: `Chart: open incidents by severity and money at risk over the 8 weeks to ${view.week}`,
        threadTs: ts,
      });
    },
  };
}
