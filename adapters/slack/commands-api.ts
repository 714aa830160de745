// What the Slack app needs from the channel-neutral command layer (src/commands), as an interface
// the composition root fills in. Tests fill it with the real command layer too.
import type { TraceHop } from '../../src/domain/finding';
import type { ChannelProblem } from '../../src/notify/channel-health';

export interface SlackActor {
  platform: 'slack';
  id: string;
  name: string;
  channelId?: string;
  groupIds?: string[];
}

export type IncidentAction = { type: 'acknowledge' } | { type: 'snooze'; forMs: number } | { type: 'root_cause'; text: string };

export type ActionResult = { ok: true; message: string } | { ok: false; code: string; message: string };

/** The traces behind one incident: the top findings' chains. */
export interface IncidentTrace {
  number: number;
  title: string;
  chains: Array<{ label: string; hops: TraceHop[] }>;
}

export interface SlackInteractions {
  /** Runs an operator action; the change and its thread messages go through the outbox. */
  act(ref: string, action: IncidentAction, actor: SlackActor): Promise<ActionResult>;
  /** Whether this person may act at all (checked before opening a modal). */
  mayAct(actor: SlackActor): boolean;
  /** Answers /sync-status text; `public` decides who sees it. */
  status(text: string): Promise<{ blocks: Array<Record<string, unknown> & { type: string }>; text: string; public: boolean }>;
  /** The App Home's health view. */
  home(): Promise<{ blocks: Array<Record<string, unknown> & { type: string }>; text: string }>;
  incidentTrace(ref: string): Promise<IncidentTrace | null>;
  /** Delivers what the outbox holds now (after an action). */
  deliver(): Promise<unknown>;
  channelProblems(): Promise<ChannelProblem[]>;
}
