// The leadership digest's settings (`digest:` in sync-sentinel.yaml). Leadership channels are named
// here, apart from the ops routes, so an incident alert never lands in the leaders' room by accident.
import { z } from 'zod';
import { cronExpression } from './schema-cron';

export const digestSchema = z
  .strictObject({
    /** node-cron expression in the company time zone; Monday 08:00 by default. */
    schedule: cronExpression.default('0 8 * * 1'),
    /**
     * Configured channel names that receive the digest. Left out: the console channels only, so a
     * chat room never gets the digest unless someone names it here.
     */
    channels: z.array(z.string().min(1)).optional(),
    /** Estimated minutes a person spends on one correction by hand in QuickBooks. */
    minutes_per_correction: z.number().int().min(1).max(480).default(15),
    /**
     * QuickBooks user names the integration writes as (e.g. "FieldPro Sync"). A fix made by any other
     * user counts as manual cleanup.
     */
    integration_users: z.array(z.string().min(1)).default([]),
    /** Below this share of invoiced revenue reconciled end to end, the numbers are not to be trusted. */
    trust_below_percent: z.number().min(0).max(100).default(97),
    /** Estimated hours of manual cleanup in a week at which the cleanup signal fires even outside close. */
    cleanup_hours_over: z.number().min(0).default(2),
  })
  .prefault({});
