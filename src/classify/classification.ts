import type { ImpactArea } from '../rules/schema';
import type { Severity } from '../config/schema';

export type RecommendedAction =
  'monitor' | 'diagnostic_review' | 'fix_normal_course' | 'systems_audit' | 'stabilization_sprint' | 'modernization';

export const ACTION_LABELS: Record<RecommendedAction, string> = {
  monitor: 'Document and monitor',
  diagnostic_review: 'Run a diagnostic review',
  fix_normal_course: 'Fix in the normal course',
  systems_audit: 'Systems Audit',
  stabilization_sprint: 'Stabilization Sprint',
  modernization: 'Plan modernization after diagnosis',
};

/** The decision tree's verdict on one incident, with the path that explains it. */
export interface Classification {
  severity: Severity;
  action: RecommendedAction;
  /** Each step the tree took, in order: "recurring (4 of last 6 weeks)", "affects billing, accounting" … */
  path: string[];
  impact: ImpactArea[];
  keyArea: boolean;
  recurring: boolean;
  causeClear: boolean;
  urgent: boolean;
  /** A capacity signal: the architecture will not carry the next stage. */
  strategic: boolean;
}

export const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
