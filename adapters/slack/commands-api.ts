// What the Slack app needs from the core, as one interface the composition root fills in
// (interactions.ts builds it from the command layer; wiring tests may pass their own).
import type { Actor } from '../../src/commands/actor';
import type { CommandResult, IncidentAction } from '../../src/commands/incident-commands';
import type { TraceHop } from '../../src/domain/finding';
import type { ChannelProblem } from '../../src/notify/channel-health';
import type { Block } from './block-limits';

export type { Actor, CommandResult, IncidentAction };

/** The traces behind one incident: its most important findings' chains. */
export interface IncidentTrace {
  number: number;
  title: string;
  chains: Array<{ label: string; hops: TraceHop[] }>;
}

export interface SlackInteractions {
  /** Runs an operator action; the change and its thread messages go out through the outbox. */
  act(ref: string, action: IncidentAction, actor: Actor): Promise<CommandResult>;
  /** Whether this person may act at all (checked before opening a modal). */
  mayAct(actor: Actor): boolean;
  /** Answers /sync-status text typed in `channelId` (which company it is about); `public` decides who sees it. */
  status(text: string, channelId?: string): Promise<{ blocks: Block[]; text: string; public: boolean }>;
  /** The App Home's health view. */
  home(): Promise<{ blocks: Block[]; text: string }>;
  incidentTrace(ref: string): Promise<IncidentTrace | null>;
  channelProblems(): Promise<ChannelProblem[]>;
  /** The bot joined a channel (invited back): its configured channels send what they held. */
  botJoined(channelId: string): Promise<void>;
}
