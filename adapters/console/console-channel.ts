// The default channel: prints each incident's parent and its thread replies the way a person reads
// a chat thread, to a stream (stdout by default).
import type { Writable } from 'node:stream';
import type { ChannelPort, DeliveryReceipt } from '../../src/ports/channel';
import type { OutboxItem, ThreadRef } from '../../src/notify/outbox';
import { numberPrefix, renderParentText, renderThreadText } from '../../src/notify/render-text';

export interface ConsoleChannelOptions {
  name: string;
  out?: Writable;
  now?: () => Date;
}

export function createConsoleChannel(opts: ConsoleChannelOptions): ChannelPort {
  const out = opts.out ?? process.stdout;
  const now = opts.now ?? (() => new Date());
  const write = (text: string) => out.write(`${text}\n`);
  return {
    name: opts.name,
    async deliver(item: OutboxItem, thread: ThreadRef | null): Promise<DeliveryReceipt> {
      const body = item.body;
      if (body.kind === 'parent') {
        const text = renderParentText(body.view, now());
        if (item.op === 'post_parent') write(`\n${rule('━')}\n${text}\n${rule('━')}`);
        else write(`\n✎ ${numberPrefix(body.view.number) || 'notice '}updated\n${indent(text, '  ')}`);
        return { destination: 'stdout', ...(item.op === 'post_parent' ? { parentRef: `console-${item.id}` } : {}) };
      }
      if (body.kind === 'records') {
        const n = body.list.rows.length;
        write(
          `  ↳ #${body.list.number} thread:\n    All ${n} records: \`sync-sentinel records ${body.list.number}\` lists them, \`--csv\` writes them to a file.`,
        );
        return { destination: 'stdout' };
      }
      const marker = item.op === 'broadcast' ? '↳ (also sent to channel)' : '↳';
      write(
        `  ${marker} ${numberPrefix(body.update.number)}thread${thread ? '' : ' (no parent)'}:\n${indent(renderThreadText(body.update), '    ')}`,
      );
      return { destination: 'stdout' };
    },
  };
}

function rule(ch: string): string {
  return ch.repeat(72);
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
