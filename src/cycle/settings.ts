import type { ClassifierSettings } from '../classify/classify';
import type { Config } from '../config/schema';

export function classifierSettings(config: Config): ClassifierSettings {
  return {
    diagnosisWindowMs: config.incidents.diagnosis_window,
    amountOverCents: config.classifier.amount_over,
    closeWithinDays: config.classifier.close_within_days,
    capacityWeeks: config.classifier.capacity_weeks,
    capacityReopens: config.classifier.capacity_reopens,
  };
}
