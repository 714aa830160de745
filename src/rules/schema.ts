// The rules file format. Keys are strict: a typo is an error, never silently ignored.
import { z } from 'zod';
import { calendarDate, duration, money } from './values';

export const IMPACT_AREAS = ['billing', 'reporting', 'dispatch', 'accounting', 'customer_delivery', 'acquisition_integration'] as const;
export type ImpactArea = (typeof IMPACT_AREAS)[number];

const impact = z.array(z.enum(IMPACT_AREAS)).min(1, 'name at least one impact area');

const urgency = z.strictObject({
  /** Money at risk in the incident above which it is urgent (dollars in the file). */
  amount_over: money.optional(),
  /** More findings than this in the incident makes it urgent. */
  count_over: z.number().int().nonnegative().optional(),
  /** Urgent when any finding reaches a customer (a paid invoice chased, a void invoice billed). */
  customer_facing: z.boolean().optional(),
  /** Urgent when the books close within this many days. */
  close_within_days: z.number().int().nonnegative().optional(),
});

const route = z.strictObject({
  /** Channel names from the config's `channels`; overrides the routing table for this rule. */
  channels: z.array(z.string().min(1)).min(1),
});

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
  title: z.string().min(1),
  impact,
  cause: z.string().min(1).optional(),
  fix: z.string().min(1).optional(),
  urgency: urgency.optional(),
  group_by: z.enum(['none', 'location', 'customer', 'root_cause', 'source']).default('none'),
  route: route.optional(),
  enabled: z.boolean().default(true),
  /** A finding whose money at stake is at most this is minor: low impact on its own. */
  minor_at_most: money.optional(),
  /** An occasional, non-urgent occurrence is low impact (document and monitor); recurrence still escalates. */
  low_impact: z.boolean().default(false),
};

const side = z.enum(['upstream', 'quickbooks']);
const states = z.array(z.string().min(1)).min(1);

const lateRule = z.strictObject({
  ...common,
  kind: z.literal('late'),
  entity: z.enum(['job', 'invoice', 'payment', 'customer']),
  /** How long the sync may take before the record counts as late. */
  grace: duration,
  /** Stop reporting it as late from here on (a `missing` rule takes over). */
  limit: duration.optional(),
  /** Upstream states that count (e.g. completed jobs, issued invoices). */
  states: states.optional(),
  /** What the record should have by then: its QuickBooks counterpart, an invoice (jobs), a deposit (payments). */
  expect: z.enum(['quickbooks', 'invoice', 'deposit']).default('quickbooks'),
});

const missingRule = z.strictObject({
  ...common,
  kind: z.literal('missing'),
  entity: z.enum(['job', 'invoice', 'payment', 'customer']),
  /** After this long without a counterpart the record is missing, not late. */
  limit: duration,
  states: states.optional(),
  expect: z.enum(['quickbooks', 'invoice', 'deposit']).default('quickbooks'),
});

const orphanRule = z.strictObject({
  ...common,
  kind: z.literal('orphan'),
  entity: z.enum(['invoice', 'payment', 'customer']),
  /** Give the sync this long before a QuickBooks record without an upstream twin counts. */
  min_age: duration.default(0),
  /** Records created before this date predate the integration and are ignored. */
  not_before: calendarDate.optional(),
  /** QuickBooks users whose records are expected to have no upstream twin. */
  ignore_created_by: z.array(z.string()).optional(),
  /**
   * Which orphans: typed into QuickBooks (no link to an upstream record), synced once and then deleted
   * upstream (it still carries the sync's link), or both. The two land differently on the decision tree.
   */
  origin: z.enum(['any', 'created_in_quickbooks', 'deleted_upstream']).default('any'),
});

const DUPLICATE_FIELDS = ['number', 'email', 'phone', 'name', 'customer', 'total', 'date', 'link', 'address'] as const;

/** How strongly two customers' details say they are one (see src/trace/customer-evidence.ts). */
export const EVIDENCE_LEVELS = ['exact', 'close', 'similar'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

const duplicateRule = z
  .strictObject({
    ...common,
    kind: z.literal('duplicate'),
    entity: z.enum(['customer', 'invoice', 'payment']),
    side: z.enum(['upstream', 'quickbooks', 'both']),
    /**
     * Invoices and payments: each entry is a set of fields; records equal on every field of any set are
     * duplicates. `link`: same upstream twin. Customers are weighed by evidence instead (see `levels`).
     */
    keys: z
      .array(z.array(z.enum(DUPLICATE_FIELDS)).min(1))
      .min(1)
      .optional(),
    /** Invoices and payments: also pair records whose normalised names are at least this similar (0–1). */
    fuzzy: z.strictObject({ threshold: z.number().min(0.5).max(1) }).optional(),
    /** Customers: which evidence levels make two customers one (exact, close, similar); default exact and close. */
    levels: z.array(z.enum(EVIDENCE_LEVELS)).min(1).optional(),
  })
  // Runs even when other keys are wrong, so a missing `keys` is reported together with them.
  .superRefine(
    (rule, ctx) => {
      if (rule.entity === 'customer') {
        for (const key of ['keys', 'fuzzy'] as const) {
          if (rule[key] !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `customers are matched by evidence levels, not ${key} — use levels: [exact, close]`,
            });
          }
        }
        return;
      }
      if (rule.keys === undefined) ctx.addIssue({ code: 'invalid_type', expected: 'array', input: undefined, path: ['keys'] });
      if (rule.levels !== undefined)
        ctx.addIssue({ code: 'custom', path: ['levels'], message: 'levels apply to customer duplicates only' });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

const INCOMPLETE_FIELDS = ['class', 'location', 'email', 'phone', 'job', 'tax', 'item', 'customer', 'total', 'number', 'lines'] as const;

const incompleteRule = z.strictObject({
  ...common,
  kind: z.literal('incomplete'),
  entity: z.enum(['invoice', 'customer', 'payment', 'job']),
  side,
  required: z.array(z.enum(INCOMPLETE_FIELDS)).min(1),
  states: states.optional(),
  /** Only records newer than this date (older ones were closed before the rule existed). */
  not_before: calendarDate.optional(),
});

const MISMATCH_FIELDS = [
  'total',
  'tax',
  'balance',
  'customer',
  'class',
  'location',
  'date',
  'status',
  'email',
  'phone',
  'address',
  'name',
  'amount',
  'deposit',
] as const;

const mismatchRule = z.strictObject({
  ...common,
  kind: z.literal('mismatch'),
  entity: z.enum(['invoice', 'customer', 'payment', 'deposit']),
  fields: z
    .array(
      z.strictObject({
        field: z.enum(MISMATCH_FIELDS),
        /** Differences up to this much money are equal (dollars). */
        tolerance: money.default(0),
      }),
    )
    .min(1),
  /** Let both sides settle this long after the latest change before comparing (an invoice being edited is no finding). */
  grace: duration.default(60 * 60 * 1000),
});

const staleRule = z.strictObject({
  ...common,
  kind: z.literal('stale'),
  entity: z.literal('source').default('source'),
  /** A source id from the config, or `any`. */
  source: z.string().min(1).default('any'),
  /** The source has not answered for longer than this. */
  max_age: duration,
  /** Nothing new has arrived from the source for longer than this (the sync itself stalled). */
  max_silence: duration.optional(),
  /** Hold back record findings from a stale source (shown as suppressed, never dropped). */
  suppress_records: z.boolean().default(true),
});

const unappliedRule = z.strictObject({
  ...common,
  kind: z.literal('unapplied'),
  entity: z.literal('payment').default('payment'),
  min_age: duration.default(0),
  /** Also report payments applied to a different invoice than upstream says. */
  misapplied: z.boolean().default(true),
});

const malformedRule = z.strictObject({
  ...common,
  kind: z.literal('malformed'),
  entity: z.literal('record').default('record'),
  /** Limit to one source id; every source by default. */
  source: z.string().min(1).optional(),
});

/** The unsynced history from before an inferred history start, reported once as one finding. */
const backlogRule = z.strictObject({
  ...common,
  kind: z.literal('backlog'),
  entity: z.literal('source').default('source'),
});

export const ruleSchema = z.discriminatedUnion('kind', [
  lateRule,
  missingRule,
  orphanRule,
  duplicateRule,
  incompleteRule,
  mismatchRule,
  staleRule,
  unappliedRule,
  malformedRule,
  backlogRule,
]);

export const rulesFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  rules: z.array(ruleSchema),
});

export type Rule = z.output<typeof ruleSchema>;
export type RuleOf<K extends Rule['kind']> = Extract<Rule, { kind: K }>;
