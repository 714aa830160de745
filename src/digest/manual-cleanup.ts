// Manual cleanup: findings that went away because someone fixed QuickBooks by hand — a QuickBooks
// edit with no upstream change, or an edit by a user who is not the integration's.
import { daysToClose } from '../domain/time';
import type { IncidentEvent } from '../incidents/model';
import type { ResolutionFacts } from './attribute-resolution';
import type { CleanupFigures } from './snapshot';
import { inDigestWindow, type DigestWindow } from './window';

export interface CleanupSettings {
  minutesPerCorrection: number;
  integrationUsers: readonly string[];
  timeZone: string;
  closeDay: number;
  /** A correction this many days or fewer before the close counts as "before close". */
  closeWithinDays: number;
}

export function isManualCorrection(facts: ResolutionFacts, integrationUsers: readonly string[]): boolean {
  const byOtherUser =
    facts.quickbooksUser !== undefined && !integrationUsers.some((u) => u.toLowerCase() === facts.quickbooksUser!.toLowerCase());
  return (facts.quickbooksChanged && !facts.upstreamChanged) || byOtherUser;
}

export function computeCleanup(events: readonly IncidentEvent[], window: DigestWindow, settings: CleanupSettings): CleanupFigures {
  let corrections = 0;
  let beforeClose = 0;
  for (const e of events) {
    if (e.type !== 'findings_resolved' || !inDigestWindow(e.at, window)) continue;
    const facts = Array.isArray(e.data.resolvedBy) ? (e.data.resolvedBy as ResolutionFacts[]) : [];
    const manual = facts.filter((f) => isManualCorrection(f, settings.integrationUsers)).length;
    corrections += manual;
    if (manual > 0 && daysToClose(new Date(e.at), settings.timeZone, settings.closeDay) <= settings.closeWithinDays) beforeClose += manual;
  }
  return { corrections, beforeClose, minutes: corrections * settings.minutesPerCorrection };
}
