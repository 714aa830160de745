// `serve` with chat platforms: each opened platform starts its inbound side (Slack's Bolt app, the
// Teams bot endpoint) now that the service exists, and hears about every poll.
import type { ServingChat } from '../ports/chat-platform';
import type { Booted } from './boot';
import type { Service } from './service';

export interface ServedChats {
  /** The service, with each platform's after-poll work (Slack's App Home) run after each poll. */
  service: Service;
  stop(): Promise<void>;
}

export async function serveChats(booted: Booted, service: Service): Promise<ServedChats> {
  const serving: ServingChat[] = [];
  const stop = async () => {
    for (const s of serving.reverse()) await s.stop?.().catch(() => undefined);
  };
  try {
    for (const chat of booted.chats) if (chat.runtime.serve) serving.push(await chat.runtime.serve(service));
  } catch (err) {
    // A platform that failed to start leaves none of the others listening.
    await stop();
    throw err;
  }
  const watched: Service = {
    ...service,
    async runOnce() {
      const result = await service.runOnce();
      for (const s of serving) await s.afterPoll?.();
      return result;
    },
  };
  return { service: watched, stop };
}
