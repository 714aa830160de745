// The Slack channel adapter for the notify core: one parent message per incident, edited as the
// incident changes (chat.update), with the story in its thread (replies; escalation and reopening
// also broadcast to the channel). Every post carries message metadata naming its outbox item, so
// after a crash `findDelivered` can tell whether an item landed and it is never posted twice.
import type { DeliveryReceipt, ChannelPort } from '../../src/ports/channel';
import type { OutboxItem, ThreadRef } from '../../src/notify/outbox';
import { SentinelError } from '../../src/domain/errors';
import { BLOCKS_REFUSED, platformError, slackError } from './errors';
import type { Pacer } from './pacer';
import { scanMessages, type SeenMessage } from './scan-messages';
import { renderParent, renderThread, type SlackMessage } from './render-alert';
import type { SlackWebClient } from './web-client';
import { uploadFile, type FileUpload } from './post-file';
import { recordsCsv, type RecordsList } from '../../src/notify/records-list';

/** "incident-12-records-r345.csv": the outbox item in the name, so recovery can see it landed. */
export function recordsUploadName(number: number, outboxId: number): string {
  return `incident-${number}-records-r${outboxId}.csv`;
}

function recordsUpload(body: { list: RecordsList; at: string; timeZone: string }, thread: ThreadRef, outboxId: number): FileUpload {
  const n = body.list.rows.length;
  return {
    channel: thread.destination,
    threadTs: thread.parentRef,
    filename: recordsUploadName(body.list.number, outboxId),
    title: `All ${n} ${n === 1 ? 'record' : 'records'} of #${body.list.number}`,
    data: Buffer.from(recordsCsv(body.list, body.timeZone), 'utf8'),
    comment: `Download all ${n} ${n === 1 ? 'record' : 'records'} of #${body.list.number} (CSV, biggest amounts first).`,
  };
}

/** Message metadata event type of every message this app posts for an outbox item. */
export const DELIVERY_EVENT = 'sync_sentinel_delivery';

/** How far back recovery looks through a channel's history or a thread, in messages. */
const RECOVERY_SCAN = 1000;

export interface SlackChannelOptions {
  name: string;
  channelId: string;
  client: SlackWebClient;
  pacer: Pacer;
  now?: () => Date;
}

export function createSlackChannel(opts: SlackChannelOptions): ChannelPort {
  const now = opts.now ?? (() => new Date());
  const { client, pacer } = opts;

  const call = async <T>(
    method: string,
    channel: string,
    msg: SlackMessage,
    send: (m: { text: string; blocks?: SlackMessage['blocks'] }) => Promise<T>,
  ): Promise<T> => {
    const where = `channel "${opts.name}" (${channel})`;
    const paused = await pacer.take(channel);
    if (paused)
      throw new SentinelError(
        'slack.rate_limited',
        'rate_limited',
        `Slack asked us to slow down in ${where}; waiting ${paused.pausedForSeconds} s`,
        { retryAfterSeconds: paused.pausedForSeconds },
      );
    try {
      try {
        return await send(msg);
      } catch (err) {
        // Blocks Slack will not take (a limit we did not know about): the same words as plain text.
        if (!BLOCKS_REFUSED.has(platformError(err) ?? '')) throw err;
        return await send({ text: msg.text });
      }
    } catch (err) {
      const e = slackError(err, method, where);
      if (e.retryAfterSeconds !== undefined) pacer.pause(channel, e.retryAfterSeconds);
      throw e;
    }
  };

  const metadata = (item: OutboxItem) => ({
    event_type: DELIVERY_EVENT,
    event_payload: { outbox_id: item.id, incident_id: item.incidentId, company_id: item.companyId, op: item.op },
  });

  return {
    name: opts.name,

    async deliver(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt> {
      if (item.body.kind === 'records') {
        if (!thread)
          throw new SentinelError(
            'slack.no_thread',
            'client',
            `incident ${item.incidentId} has no parent message in channel "${opts.name}" yet`,
          );
        const paused = await pacer.take(thread.destination);
        if (paused)
          throw new SentinelError(
            'slack.rate_limited',
            'rate_limited',
            `Slack asked us to slow down in channel "${opts.name}"; waiting ${paused.pausedForSeconds} s`,
            { retryAfterSeconds: paused.pausedForSeconds },
          );
        await uploadFile(client, recordsUpload(item.body, thread, item.id));
        return { destination: thread.destination };
      }
      const msg = item.body.kind === 'parent' ? renderParent(item.body.view, now()) : renderThread(item.body.update);
      if (item.op === 'post_parent') {
        const res = await call('chat.postMessage', opts.channelId, msg, (m) =>
          client.chat.postMessage({
            channel: opts.channelId,
            ...m,
            blocks: m.blocks as never,
            metadata: metadata(item),
            unfurl_links: false,
            unfurl_media: false,
          }),
        );
        if (!res.ts) throw new SentinelError('slack.malformed', 'malformed', `chat.postMessage to channel "${opts.name}" returned no ts`);
        return { destination: res.channel ?? opts.channelId, parentRef: String(res.ts) };
      }
      if (!thread)
        throw new SentinelError(
          'slack.no_thread',
          'client',
          `incident ${item.incidentId} has no parent message in channel "${opts.name}" yet`,
        );
      const channel = thread.destination;
      if (item.op === 'edit_parent') {
        await call('chat.update', channel, msg, (m) =>
          client.chat.update({ channel, ts: thread.parentRef, ...m, blocks: (m.blocks ?? []) as never, metadata: metadata(item) }),
        );
        return { destination: channel };
      }
      await call('chat.postMessage', channel, msg, (m) =>
        client.chat.postMessage({
          channel,
          thread_ts: thread.parentRef,
          ...m,
          blocks: m.blocks as never,
          metadata: metadata(item),
          unfurl_links: false,
          unfurl_media: false,
          reply_broadcast: item.op === 'broadcast',
        }),
      );
      return { destination: channel };
    },

    async findDelivered(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt | null> {
      // An edit sent twice shows the same thing: let it go again.
      if (item.op === 'edit_parent') return null;
      // A file carries no metadata: its name says which item shared it.
      if (item.body.kind === 'records') {
        if (!thread) return null;
        const name = recordsUploadName(item.body.list.number, item.id);
        let found = false;
        await scanMessages(
          client,
          { channel: thread.destination, label: `channel "${opts.name}" (${thread.destination})`, threadTs: thread.parentRef },
          RECOVERY_SCAN,
          (m) => {
            found = m.files?.some((f) => f.name === name) ?? false;
            return found;
          },
        );
        return found ? { destination: thread.destination } : null;
      }
      const channel = item.op === 'post_parent' ? opts.channelId : thread?.destination;
      if (!channel) return null;
      // Planned before it was sent; ten minutes' margin for clocks that disagree with Slack's.
      const oldest = (Math.floor(Date.parse(item.createdAt) / 1000) - 600).toString();
      const mine = (m: SeenMessage) =>
        m.metadata?.event_type === DELIVERY_EVENT && Number(m.metadata.event_payload?.['outbox_id']) === item.id;
      let hit: SeenMessage | undefined;
      await scanMessages(
        client,
        {
          channel,
          label: `channel "${opts.name}" (${channel})`,
          ...(item.op === 'post_parent' ? { oldest } : { threadTs: thread!.parentRef }),
        },
        RECOVERY_SCAN,
        (m) => {
          if (mine(m)) hit = m;
          return hit !== undefined;
        },
      );
      if (hit) return { destination: channel, ...(item.op === 'post_parent' && hit.ts ? { parentRef: String(hit.ts) } : {}) };
      return null;
    },
  };
}
