import type { ChannelProblem } from '../notify/channel-health';
import type { OutboxDraft } from '../notify/outbox';

export interface ProblemReport {
  companyId: string;
  channel: string;
  kind: string;
  summary: string;
  fix: string;
  at: string;
}

/**
 * Where channel problems are kept. Opening and resolving a problem write its notices to the outbox
 * in the same transaction, so other channels hear about it exactly once.
 */
export interface ChannelHealthStore {
  /** Opens a problem, or refreshes the open one of that channel; `plan` runs only when it opens. */
  reportProblem(
    report: ProblemReport,
    plan: (problem: ChannelProblem) => OutboxDraft[],
  ): Promise<{ problem: ChannelProblem; opened: boolean }>;
  /** Resolves the channel's open problem, if any; `plan` gets the channels that were told of it. */
  resolveProblem(
    companyId: string,
    channel: string,
    at: string,
    plan: (problem: ChannelProblem, told: string[]) => OutboxDraft[],
  ): Promise<ChannelProblem | null>;
  openProblems(companyId: string): Promise<ChannelProblem[]>;
}
