import type { DigestSnapshot } from '../digest/snapshot';
import type { DigestSteps } from './digest-sender';

/** Weekly digest snapshots and which channels already received each week's digest. */
export interface DigestStorePort {
  /** One snapshot per company and week: a later computation of the same week replaces it. */
  saveSnapshot(snapshot: DigestSnapshot, computedAt: string): Promise<void>;
  /** Snapshots from `sinceWeek` on, oldest first. */
  loadSnapshots(companyId: string, sinceWeek: string): Promise<DigestSnapshot[]>;
  markSent(companyId: string, week: string, channel: string, at: string): Promise<void>;
  sentChannels(companyId: string, week: string): Promise<string[]>;
  /** How far a channel's digest for the week got (an attempt that failed part way); null when unknown. */
  loadProgress(companyId: string, week: string, channel: string): Promise<DigestSteps | null>;
  saveProgress(companyId: string, week: string, channel: string, steps: DigestSteps, at: string): Promise<void>;
}
