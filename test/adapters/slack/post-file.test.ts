import { afterEach, describe, expect, it } from 'vitest';
import { postBlocks, uploadFile } from '../../../adapters/slack/post-file';
import { createWebClient } from '../../../adapters/slack/web-client';
import { SlackApiFake } from '../../fakes/slack/slack-api-fake';

let fake: SlackApiFake;
afterEach(async () => fake?.stop());

describe('posting a report with a file (for the weekly digest)', () => {
  it('uploads a file into a channel through files.uploadV2 and posts blocks beside it', async () => {
    fake = await new SlackApiFake().start();
    const client = createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 });
    const png = Buffer.alloc(2048, 7);
    const { ts } = await postBlocks(client, 'C0LEAD001', {
      text: 'Weekly digest',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Weekly digest*' } }],
    });
    const { fileId } = await uploadFile(client, {
      channel: 'C0LEAD001',
      filename: 'findings.png',
      data: png,
      title: 'Findings per 1,000 records',
      threadTs: ts,
    });

    expect(fake.callsOf('files.getUploadURLExternal')[0]!.args).toMatchObject({ filename: 'findings.png', length: '2048' });
    expect(fake.uploads.get(fileId)).toEqual({ filename: 'findings.png', bytes: 2048, channel: 'C0LEAD001' });
    expect(fake.callsOf('files.completeUploadExternal')[0]!.args).toMatchObject({ channel_id: 'C0LEAD001', thread_ts: ts });
    expect(fake.channelMessages('C0LEAD001').map((m) => m.text)).toEqual(['Weekly digest']);
  });

  it('says what Slack refused', async () => {
    fake = await new SlackApiFake().start();
    fake.notIn.add('C0LEAD001');
    const client = createWebClient({ botToken: fake.botToken, apiUrl: fake.apiUrl, retries: 0 });
    await expect(postBlocks(client, 'C0LEAD001', { text: 'x', blocks: [] })).rejects.toThrow(/invite the app/);
  });
});
