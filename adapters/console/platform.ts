// The console as a chat platform: alerts and the digest printed on a stream, nothing to start.
import type { Writable } from 'node:stream';
import type { ChannelConfig } from '../../src/config/schema';
import type { ChatPlatform } from '../../src/ports/chat-platform';
import { createConsoleChannel } from './console-channel';
import { createConsoleDigestSender } from './console-digest-sender';
import { createConsolePortfolioSender } from './console-portfolio-sender';

type ConsoleChannelConfig = Extract<ChannelConfig, { type: 'console' }>;

export const consolePlatform: ChatPlatform<ConsoleChannelConfig> = {
  type: 'console',
  label: 'console',
  secrets: () => [],
  async open(host) {
    const out = host.stdout as Writable | undefined;
    return {
      channel: (entry) => createConsoleChannel({ name: entry.name, ...(out ? { out } : {}) }),
      digestSender: (entry, opts) =>
        createConsoleDigestSender({ name: entry.name, chartDir: opts.chartDir, ...(opts.out ? { out: opts.out } : {}) }),
      portfolioSender: (entry, opts) =>
        createConsolePortfolioSender({ name: entry.name, chartDir: opts.chartDir, ...(opts.out ? { out: opts.out } : {}) }),
    };
  },
};
