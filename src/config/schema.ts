// The service's config file (sync-sentinel.yaml). Secrets never live here: only the names of the
// environment variables that hold them.
import iconv from 'iconv-lite';
import { z } from 'zod';
import { EVIDENCE_LEVELS } from '../rules/schema';
import { cronExpression } from './schema-cron';
import { compileLinear, hasNamedGroup } from '../domain/linear-regex';
import { calendarDate, duration, money } from '../rules/values';
import { digestSchema } from './schema-digest';
import { slackChannelSchema } from './schema-slack';
import { quickbooksSourceOptions } from './schema-qbo';
import { teamsChannelSchema } from './schema-teams';
import { timeZone } from './time-zone';
import { housecallproSource, httpSource, jobberSource, servicetitanSource } from './schema-upstream';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, dashes and underscores');

/** Column names in an export file, per canonical field (e.g. `number: "Invoice #"`). */
const columnMap = z.record(z.string(), z.string().min(1));

const filesSource = z.strictObject({
  id,
  type: z.literal('files'),
  side: z.literal('upstream').default('upstream'),
  name: z.string().optional(),
  /** Folder the exports are dropped into. */
  path: z.string().min(1),
  /** Column presets for known exports; `custom` uses `columns` only. */
  preset: z.enum(['generic', 'servicetitan', 'jobber', 'housecallpro', 'custom']).default('generic'),
  /** File-name patterns per entity (globs, newest file wins for each entity unless `all` is set). */
  files: z
    .strictObject({
      customers: z.string().optional(),
      jobs: z.string().optional(),
      invoices: z.string().optional(),
      payments: z.string().optional(),
    })
    .default({}),
  /** Overrides of the preset's column names, per entity. */
  columns: z
    .strictObject({
      customers: columnMap.optional(),
      jobs: columnMap.optional(),
      invoices: columnMap.optional(),
      payments: columnMap.optional(),
    })
    .default({}),
  /** Time zone of naive timestamps and dates in the files (defaults to the company's). */
  time_zone: timeZone.optional(),
  /**
   * Drop-folder mode: read every file once, then move it into this subfolder with a `.read.json`
   * record of what was taken from it. Unset: the newest export per entity is re-read every poll.
   */
  move_processed_to: z.string().optional(),
  /** A file changed more recently than this may still be being written: it waits for the next poll. */
  settle: duration.default(2_000),
  /** Character encoding of the exports: utf-8 (checked), or e.g. windows-1252 / latin1 for older desktop tools. */
  encoding: z
    .string()
    .refine((e) => iconv.encodingExists(e), 'not an encoding sync-sentinel knows — e.g. utf-8, windows-1252, latin1')
    .default('utf-8'),
});

const quickbooksSource = z.strictObject({
  id,
  type: z.literal('quickbooks'),
  side: z.literal('quickbooks').default('quickbooks'),
  name: z.string().optional(),
  /** The company (realm) id; or the name of the environment variable holding it. */
  realm_id: z.string().min(1).default('env:QBO_REALM_ID'),
  /** API base, ending in /v3/company/ (production by default; the sandbox server in the demo). */
  base_url: z.string().url().default('https://quickbooks.api.intuit.com/v3/company/'),
  token_url: z.string().url().optional(),
  minor_version: z.number().int().min(75).default(75),
  /** Per-request deadline: node-quickbooks sets none of its own. */
  timeout: duration.default(30_000),
  /** Serve the bundled QuickBooks sandbox from this data folder on 127.0.0.1 (demo and tests). */
  sandbox_data: z.string().optional(),
  ...quickbooksSourceOptions,
});

export const sourceSchema = z.discriminatedUnion('type', [
  filesSource,
  quickbooksSource,
  servicetitanSource,
  jobberSource,
  housecallproSource,
  httpSource,
]);
export type FilesSourceConfig = z.output<typeof filesSource>;
export type QuickbooksSourceConfig = z.output<typeof quickbooksSource>;

/** Compiled now, on the linear-time engine the matcher uses, so a bad pattern is an error at its line. */
const linearPattern = z
  .string()
  .min(1)
  .superRefine((p, ctx) => {
    const compiled = compileLinear(p);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
  });

const matchKey = z.discriminatedUnion('by', [
  /** An id the sync tool writes into QuickBooks: a regex with a named group `id` over PrivateNote. */
  z.strictObject({
    by: z.literal('private_note'),
    pattern: linearPattern.refine(
      (p) => hasNamedGroup(p, 'id'),
      'the pattern needs a named group (?<id>…) around the id, e.g. "FieldPro invoice (?<id>\\S+)"',
    ),
  }),
  /** The same id in a legacy custom field of that name. */
  z.strictObject({ by: z.literal('custom_field'), name: z.string().min(1), pattern: linearPattern.optional() }),
  /** Invoice number = DocNumber. */
  z.strictObject({ by: z.literal('doc_number') }),
  /** Payment reference (cheque or card reference) = PaymentRefNum. */
  z.strictObject({ by: z.literal('reference') }),
]);
export type MatchKey = z.output<typeof matchKey>;

const matching = z.strictObject({
  /** Tried in order; a weaker key only links records that no stronger key linked. */
  invoice: z
    .array(matchKey)
    .min(1)
    .default([{ by: 'doc_number' }]),
  payment: z
    .array(matchKey)
    .min(1)
    .default([{ by: 'reference' }]),
  customer: z
    .strictObject({
      external_id: z.boolean().default(true),
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      /**
       * Evidence levels at which a name (weighed with address, e-mail, phone, company) links an upstream
       * customer to a QuickBooks one when no id, unique e-mail or unique phone did (see rules/default.yaml).
       */
      name_levels: z.array(z.enum(EVIDENCE_LEVELS)).min(1).default(['exact', 'close']),
      default_country: z.string().length(2).default('US'),
    })
    .prefault({}),
});
export type MatchingConfig = z.output<typeof matching>;

const consoleChannel = z.strictObject({ type: z.literal('console'), name: id });
export const channelSchema = z.discriminatedUnion('type', [consoleChannel, slackChannelSchema, teamsChannelSchema]);
export type ChannelConfig = z.output<typeof channelSchema>;
/** The chat platforms a person can act from: every channel type in the union but the console. */
export type ChatPlatformType = Exclude<ChannelConfig['type'], 'console'>;
const CHAT_PLATFORM_TYPES = channelSchema.options.map((o) => o.shape.type.value).filter((t): t is ChatPlatformType => t !== 'console') as [
  ChatPlatformType,
  ...ChatPlatformType[],
];

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

const routeSchema = z.strictObject({
  match: z
    .strictObject({
      severity: z.array(z.enum(SEVERITIES)).optional(),
      impact: z.array(z.string()).optional(),
      location: z.array(z.string()).optional(),
      rule: z.array(z.string()).optional(),
    })
    .default({}),
  channels: z.array(z.string().min(1)).min(1),
  /** Stop at the first matching route (default) or keep matching. */
  continue: z.boolean().default(false),
});
export type RouteConfig = z.output<typeof routeSchema>;

/**
 * Who may act on an alert (acknowledge, snooze, mark the root cause). Any entry that matches allows;
 * within an entry every listed criterion must match. No entries: everyone who sees the alert may act.
 */
/** One engine: a SQLite file (one company, one machine) or a Postgres database (many companies, several instances). */
const storageSchema = z
  .strictObject({
    /** The SQLite file, relative to the config file; absent → sentinel.db in the data folder. */
    sqlite: z.string().min(1).optional(),
    postgres: z
      .strictObject({
        /** The environment variable holding the connection URL (never the URL itself: it carries the password). */
        url_env: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable, e.g. DATABASE_URL')
          .default('DATABASE_URL'),
        /** Connections each instance keeps open at most. */
        pool_max: z.number().int().min(1).max(100).optional(),
      })
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.sqlite !== undefined && s.postgres !== undefined)
      ctx.addIssue({ code: 'custom', message: 'set either sqlite or postgres, not both: one deployment keeps its data in one engine' });
    else if (s.sqlite === undefined && s.postgres === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'set sqlite (a file) or postgres ({ url_env: DATABASE_URL }), or leave storage out for data/sentinel.db',
      });
  });

export type StorageSettings = z.output<typeof storageSchema>;

const actionAllow = z.strictObject({
  platform: z.enum(CHAT_PLATFORM_TYPES).optional(),
  /** Chat channel ids (Slack C…, Teams conversation ids) the action must come from. */
  channels: z.array(z.string().min(1)).min(1).optional(),
  /** Slack user-group ids (S…) or Teams AAD group ids the person must belong to. */
  groups: z.array(z.string().min(1)).min(1).optional(),
  /** User ids (Slack U…, Teams AAD object ids). */
  users: z.array(z.string().min(1)).min(1).optional(),
});
export type ActionAllow = z.output<typeof actionAllow>;

export const configSchema = z.strictObject({
  version: z.literal(1).default(1),
  company: z
    .strictObject({
      id: id.default('default'),
      name: z.string().default('My company'),
      time_zone: timeZone.default('America/Chicago'),
      /** Day of the month the books close for the previous month (1–28). */
      close_day: z.number().int().min(1).max(28).default(5),
      /** First day of checked history (company time zone); older records predate the sync. Inferred when absent. */
      history_from: calendarDate.optional(),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      /** node-cron expression for the poll (company time zone). */
      poll: cronExpression.default('*/5 * * * *'),
    })
    .prefault({}),
  storage: storageSchema.optional(),
  rules: z.array(z.string().min(1)).min(1).default(['rules/default.yaml']),
  sources: z.array(sourceSchema).min(1),
  matching: matching.prefault({}),
  channels: z.array(channelSchema).default([{ type: 'console', name: 'console' }]),
  routes: z.array(routeSchema).default([]),
  actions: z.strictObject({ allow: z.array(actionAllow).default([]) }).prefault({}),
  /** Where `serve` listens for upstream webhooks (Jobber): POST /webhooks/jobber/<source id>. */
  webhooks: z
    .strictObject({ port: z.number().int().min(0).max(65_535).default(8790), host: z.string().min(1).default('127.0.0.1') })
    .prefault({}),
  incidents: z
    .strictObject({
      /** Consecutive clean polls before an incident resolves. */
      resolve_after_clean_polls: z.number().int().min(1).default(2),
      /** Open this long (or reopened twice) with no cause → the cause counts as unclear. */
      diagnosis_window: duration.default(7 * 86_400_000),
      /** Remind in the thread while an incident stays open this long without news. */
      repeat_interval: duration.default(86_400_000),
      /** Post low-severity incidents to chat too (otherwise digest only). */
      notify_low: z.boolean().default(false),
    })
    .prefault({}),
  classifier: z
    .strictObject({
      /** Money at risk above this makes an incident urgent unless the rule says otherwise. */
      amount_over: money.default(250_000),
      close_within_days: z.number().int().min(0).default(3),
      /** Weeks of rising findings-per-1,000 with rising volume that signal a capacity problem. */
      capacity_weeks: z.number().int().min(2).default(4),
      /** Reopenings after fixes that signal a capacity problem. */
      capacity_reopens: z.number().int().min(1).default(3),
    })
    .prefault({}),
  digest: digestSchema,
});

export type Config = z.output<typeof configSchema>;
export type Severity = (typeof SEVERITIES)[number];
export { SEVERITIES };
