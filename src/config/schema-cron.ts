// Cron expressions are checked when the config loads, with node-cron's own validator, so a typo is a
// config error at its line and column — not a `serve` that runs with no schedule, or a `run --once`
// that never notices.
import cron from 'node-cron';
import { z } from 'zod';

export const cronExpression = z
  .string()
  .min(1)
  .refine(
    (v) => cron.validate(v),
    'not a cron expression node-cron accepts — e.g. "*/5 * * * *" (every five minutes) or "0 8 * * 1" (Mondays 08:00)',
  );
