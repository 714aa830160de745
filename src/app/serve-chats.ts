// `serve` with chat platforms: each opened platform starts its inbound side (Slack's Bolt app, the
// Teams bot endpoint) now that the services exist, ONCE per deployment: companies that share a
// platform share its one listener, which routes each command to its company (see the platform's
// `serve(service, others)`). Each platform hears about every poll.
import type { ChatService, ServingChat } from '../ports/chat-platform';
import type { CompanyRuntime } from './deployment';
import type { Service } from './service';

export interface ServedChats {
  /** Each platform's after-poll work (Slack's App Home), run after a poll of any company. */
  afterPoll(): Promise<void>;
  stop(): Promise<void>;
}

export async function serveChats(companies: ReadonlyArray<{ runtime: CompanyRuntime; service: Service }>): Promise<ServedChats> {
  const serving: ServingChat[] = [];
  const stop = async () => {
    for (const s of serving.reverse()) await s.stop?.().catch(() => undefined);
  };
  const types = [...new Set(companies.flatMap((c) => c.runtime.chats.map((chat) => chat.platform.type)))];
  try {
    for (const type of types) {
      const sharing = companies.flatMap(({ runtime, service }) =>
        runtime.chats
          .filter((chat) => chat.platform.type === type)
          .map((chat) => ({ runtime: chat.runtime, service: service as ChatService })),
      );
      const [lead, ...others] = sharing;
      if (lead?.runtime.serve) serving.push(await lead.runtime.serve(lead.service, others));
    }
  } catch (err) {
    // A platform that failed to start leaves none of the others listening.
    await stop();
    throw err;
  }
  return {
    async afterPoll() {
      for (const s of serving) await s.afterPoll?.();
    },
    stop,
  };
}
