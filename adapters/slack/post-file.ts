// Small helpers for other Slack features (the weekly digest): post blocks to a channel, and upload
// a file with the files.uploadV2 flow (files.getUploadURLExternal → upload → completeUploadExternal).
import { SentinelError } from '../../src/domain/errors';
import { fitBlocks, type Block } from './block-limits';
import { slackError } from './errors';
import type { SlackWebClient } from './web-client';

/** Message metadata (`event_type` and a flat payload), so the app can later recognise its message. */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

export async function postBlocks(
  client: SlackWebClient,
  channel: string,
  message: { text: string; blocks: Block[]; threadTs?: string; metadata?: MessageMetadata },
): Promise<{ ts: string }> {
  try {
    const res = await client.chat.postMessage({
      channel,
      text: message.text,
      blocks: fitBlocks(message.blocks) as never,
      unfurl_links: false,
      unfurl_media: false,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
      ...(message.metadata ? { metadata: message.metadata } : {}),
    });
    if (!res.ts) throw new SentinelError('slack.malformed', 'malformed', `chat.postMessage to ${channel} returned no ts`);
    return { ts: String(res.ts) };
  } catch (err) {
    throw slackError(err, 'chat.postMessage', channel);
  }
}

export interface FileUpload {
  channel: string;
  filename: string;
  data: Buffer;
  title?: string;
  /** A message posted with the file. */
  comment?: string;
  threadTs?: string;
  altText?: string;
}

/** Uploads one file into a channel; returns the file id Slack gave it. */
export async function uploadFile(client: SlackWebClient, upload: FileUpload): Promise<{ fileId: string }> {
  try {
    const res = (await client.files.uploadV2({
      channel_id: upload.channel,
      file: upload.data,
      filename: upload.filename,
      ...(upload.title ? { title: upload.title } : {}),
      ...(upload.comment ? { initial_comment: upload.comment } : {}),
      ...(upload.threadTs ? { thread_ts: upload.threadTs } : {}),
      ...(upload.altText ? { alt_text: upload.altText } : {}),
    } as never)) as unknown as { files?: Array<{ files?: Array<{ id?: string }> }> };
    const id = res.files?.[0]?.files?.[0]?.id;
    if (!id)
      throw new SentinelError('slack.malformed', 'malformed', `files.completeUploadExternal returned no file id for ${upload.filename}`);
    return { fileId: id };
  } catch (err) {
    throw slackError(err, 'files.uploadV2', upload.channel);
  }
}
