// The outer shape of a deployment file (many companies): what sits beside `companies:`. Each company
// is checked later by the single-company configSchema, once the defaults are merged under it.
import { z } from 'zod';
import { channelSchema, configSchema } from './schema';
import { cronExpression } from './schema-cron';
import { timeZone } from './time-zone';

/** Keys a `defaults:` block may set: every company-level key except the company itself and its sources. */
export const DEFAULTABLE_KEYS = [
  'schedule',
  'rules',
  'matching',
  'channels',
  'routes',
  'actions',
  'incidents',
  'classifier',
  'digest',
  'webhooks',
] as const;

const defaultsSchema = z.strictObject(Object.fromEntries(DEFAULTABLE_KEYS.map((k) => [k, z.unknown().optional()]))).prefault({});

/** The owner's view over every company (the portfolio lane renders it). */
export const portfolioSchema = z.strictObject({
  name: z.string().min(1),
  /** The owner's time zone: the portfolio digest's schedule and week run in it. */
  time_zone: timeZone.default('America/Chicago'),
  channels: z.array(channelSchema).default([]),
  digest: z.strictObject({ schedule: cronExpression.default('0 8 * * 1') }).prefault({}),
});
export type PortfolioConfig = z.output<typeof portfolioSchema>;

/** What one `serve` process takes on, whatever the number of instances. */
export const instanceSchema = z
  .strictObject({
    /** Polls of different companies this process runs at the same time. */
    max_concurrent_polls: z.number().int().min(1).max(32).default(2),
  })
  .prefault({});
export type InstanceConfig = z.output<typeof instanceSchema>;

const companyEntry = z.union([z.strictObject({ include: z.string().min(1) }), z.record(z.string(), z.unknown())]);

export const deploymentSchema = z.strictObject({
  version: z.literal(1).default(1),
  storage: configSchema.shape.storage,
  defaults: defaultsSchema,
  companies: z.array(companyEntry).min(1),
  portfolio: portfolioSchema.optional(),
  instance: instanceSchema,
});
