// A chat platform (console, Slack, Teams, …) as the composition root sees it: one object per adapter
// folder, listed once in src/app/chat-platforms.ts. The app loops over the platforms and never names
// one, so a new platform is its folder, its entry in the config's channel union and that one line.
import type { Writable } from 'node:stream';
import type { Actor } from '../commands/actor';
import type { CommandResult, IncidentAction } from '../commands/incident-commands';
import type { ChannelConfig, Config } from '../config/schema';
import type { ChannelPort } from './channel';
import type { ChannelHealthStore } from './channel-health';
import type { ConversationStore } from './conversation-store';
import type { DigestSender } from './digest-sender';
import type { Logger } from './logger';
import type { StorePort } from './store';
import type { PortfolioSender } from '../portfolio/run-portfolio';

/** What the app hands a platform when one of its channels is configured. */
export interface ChatHost {
  config: Config;
  /** Every environment variable: the platform reads its own credentials. */
  vars: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths in those variables resolve against. */
  cwd: string;
  store: StorePort;
  /** Where a chat that must remember its conversations (Teams) keeps them, beside the store. */
  conversations: ConversationStore;
  health: ChannelHealthStore;
  log: Logger;
  now: () => Date;
  /** Where a console channel prints (a test's stream); standard output when absent. */
  stdout?: NodeJS.WritableStream;
  /** What an in-process test puts in place of the platform's outside login, keyed by channel type. */
  seams?: Readonly<Record<string, unknown>>;
}

/** The running service as a chat's buttons and commands reach it: between polls, then delivery. */
export interface ChatService {
  command(ref: string, action: IncidentAction, actor: Actor): Promise<CommandResult>;
  retryHeld(channel: string): Promise<unknown>;
}

/** A platform's inbound side while `serve` runs. */
export interface ServingChat {
  /** After every poll (Slack refreshes App Home). */
  afterPoll?(): Promise<void>;
  stop?(): Promise<void>;
}

/** A platform opened for the configured channels of its type. */
export interface ChatRuntime<Entry extends ChannelConfig = ChannelConfig> {
  /** The channel for one configured entry; `setting` (`channels[2]`) is what a config error blames. */
  channel(entry: Entry, setting: string): ChannelPort;
  digestSender(entry: Entry, opts: { chartDir: string; out?: Writable }): DigestSender;
  /** The owner's portfolio digest in a channel of `portfolio.channels` (the runtime was opened for those channels). */
  portfolioSender(entry: Entry, opts: { chartDir: string; out?: Writable }): PortfolioSender;
  /**
   * `serve` only: its endpoint or socket for buttons and commands, now that the service exists. In a
   * deployment of several companies on this platform, one runtime serves them all: `others` are the
   * other companies' runtimes of the same platform with their services, to route commands to.
   */
  serve?(service: ChatService, others?: ReadonlyArray<{ runtime: ChatRuntime; service: ChatService }>): Promise<ServingChat>;
  close?(): Promise<void>;
}

export interface ChatPlatform<Entry extends ChannelConfig = ChannelConfig> {
  /** The channel `type` in the config this platform builds. */
  type: Entry['type'];
  /** Its name in messages ("Slack"). */
  label: string;
  /** The credential values it reads from the environment, scrubbed from every error from start-up on. */
  secrets(vars: Readonly<Record<string, string | undefined>>): Array<string | undefined>;
  /** Called once, only when at least one channel of its type is configured (so unused SDKs never load). */
  open(host: ChatHost, entries: Entry[]): Promise<ChatRuntime<Entry>>;
}
