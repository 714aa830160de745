// Config of the upstream connectors (ServiceTitan, Jobber, Housecall Pro, a generic HTTP/JSON API).
// Secrets never live here: each credential is the NAME of the environment variable that holds it.
// Everything the vendor reference marks as inferred is a setting, with the reference's value as default.
import { z } from 'zod';
import { duration } from '../rules/values';
import { timeZone } from './time-zone';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, dashes and underscores');
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the name of an environment variable, e.g. ST_CLIENT_SECRET');

const common = {
  id,
  side: z.literal('upstream').default('upstream'),
  name: z.string().optional(),
  /** Per-request deadline. */
  timeout: duration.default(30_000),
  /** Retries of a failed request (429, 5xx, network) within one poll. */
  retries: z.number().int().min(0).max(10).default(4),
  /** Time zone of dates the vendor writes without an offset (defaults to the company's). */
  time_zone: timeZone.optional(),
  /** Serve the bundled vendor sandbox from this export folder on 127.0.0.1 (demo and tests). */
  sandbox_data: z.string().optional(),
};

const rateLimit = (perSecond: number) => z.number().positive().max(1000).default(perSecond);

export const servicetitanSource = z.strictObject({
  ...common,
  type: z.literal('servicetitan'),
  /** Tenant id (int64 in every path), or env:NAME. */
  tenant: z.string().min(1).default('env:ST_TENANT_ID'),
  api_url: z.string().url().default('https://api.servicetitan.io'),
  token_url: z.string().url().default('https://auth.servicetitan.io/connect/token'),
  client_id_env: envName.default('ST_CLIENT_ID'),
  client_secret_env: envName.default('ST_CLIENT_SECRET'),
  app_key_env: envName.default('ST_APP_KEY'),
  /** Requests per second we allow ourselves (ServiceTitan's limit is 60 per app per tenant). */
  rate_limit: rateLimit(50),
  /** Refresh the token this long before `expires_in` runs out [inferred: 60 s]. */
  token_refresh_early: duration.default(60_000),
  /** First read: export from this date ("2020-01-01") instead of from the beginning. */
  start_from: z.string().optional(),
  /** Where the QuickBooks location comes from: the business unit's division, its name, or nowhere. */
  location_from: z.enum(['division', 'business_unit', 'none']).default('division'),
});

export const jobberSource = z.strictObject({
  ...common,
  type: z.literal('jobber'),
  api_url: z.string().url().default('https://api.getjobber.com/api/graphql'),
  token_url: z.string().url().default('https://api.getjobber.com/api/oauth/token'),
  /** X-JOBBER-GRAPHQL-VERSION; versions live 12 months or more. */
  api_version: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .default('2025-01-20'),
  client_id_env: envName.default('JOBBER_CLIENT_ID'),
  client_secret_env: envName.default('JOBBER_CLIENT_SECRET'),
  access_token_env: envName.default('JOBBER_ACCESS_TOKEN'),
  refresh_token_env: envName.default('JOBBER_REFRESH_TOKEN'),
  /** Nodes per page (Jobber's maximum is 100); halved automatically when a page would cost more than the bucket holds. */
  page_size: z.number().int().min(1).max(100).default(50),
  rate_limit: rateLimit(8),
  /** Jobber has no class: take it from this invoice custom field [inferred], else `default_class`. */
  class_field: z.string().default('Class'),
  default_class: z.string().optional(),
  /** The QuickBooks location from this invoice custom field [inferred]. */
  location_field: z.string().default('Location'),
  /** `encoded`: keep Jobber's EncodedId; `gid_number`: decode gid://Jobber/Invoice/123 to 123 [inferred decoding]. */
  ids: z.enum(['encoded', 'gid_number']).default('encoded'),
  /** Longest wait for the query-cost bucket to refill before the poll gives up. */
  max_throttle_wait: duration.default(60_000),
});

export const housecallproSource = z.strictObject({
  ...common,
  type: z.literal('housecallpro'),
  api_url: z.string().url().default('https://api.housecallpro.com'),
  api_key_env: envName.default('HCP_API_KEY'),
  /** `Token` for company/application API keys, `Bearer` for marketplace OAuth tokens. */
  auth_scheme: z.enum(['Token', 'Bearer']).default('Token'),
  /** Multi-location accounts: X-Company-Id of the location to read. */
  company_id: z.string().optional(),
  /** Rows per page [inferred: the maximum is 100]. */
  page_size: z.number().int().min(1).max(200).default(100),
  rate_limit: rateLimit(5),
  /** Class from the job's business unit (job_fields.business_unit) or job type. */
  class_from: z.enum(['business_unit', 'job_type', 'none']).default('business_unit'),
  /** QuickBooks location from the job's company (multi-location accounts) or nowhere. */
  location_from: z.enum(['company_name', 'business_unit', 'none']).default('none'),
});

const fieldMap = z.record(z.string(), z.string().min(1));

const pagination = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('none') }),
  z.strictObject({
    style: z.literal('page'),
    param: z.string().default('page'),
    size_param: z.string().default('page_size'),
    size: z.number().int().min(1).default(100),
    first: z.number().int().min(0).default(1),
    total_pages: z.string().optional(),
  }),
  z.strictObject({
    style: z.literal('offset'),
    param: z.string().default('offset'),
    size_param: z.string().default('limit'),
    size: z.number().int().min(1).default(100),
  }),
  z.strictObject({
    style: z.literal('cursor'),
    param: z.string().default('cursor'),
    next: z.string().min(1),
    size_param: z.string().optional(),
    size: z.number().int().min(1).default(100),
  }),
  z.strictObject({ style: z.literal('link'), size_param: z.string().optional(), size: z.number().int().min(1).default(100) }),
]);

const endpoint = z.strictObject({
  /** Path appended to base_url, query string allowed. */
  path: z.string().min(1),
  /** JSONPath to the array of records in a page (default: the body is the array). */
  records: z.string().default('$'),
  pagination: pagination.default({ style: 'none' }),
  /** Query parameter that takes the last read's time for an incremental read (else every read is full). */
  since_param: z.string().optional(),
  /** Canonical field (as in the file-export columns) → JSONPath into one record. */
  fields: fieldMap,
});

const auth = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), token_env: envName }),
  z.strictObject({ type: z.literal('basic'), username_env: envName, password_env: envName }),
  z.strictObject({
    type: z.literal('api_key'),
    header: z.string().min(1).default('X-API-Key'),
    key_env: envName,
    prefix: z.string().default(''),
  }),
]);

export const httpSource = z.strictObject({
  ...common,
  type: z.literal('http'),
  base_url: z.string().url(),
  auth: auth.default({ type: 'none' }),
  rate_limit: rateLimit(5),
  endpoints: z
    .strictObject({
      customers: endpoint.optional(),
      jobs: endpoint.optional(),
      invoices: endpoint.optional(),
      payments: endpoint.optional(),
    })
    .refine((e) => Object.values(e).some(Boolean), 'name at least one of customers, jobs, invoices, payments'),
});

export type ServiceTitanSourceConfig = z.output<typeof servicetitanSource>;
export type JobberSourceConfig = z.output<typeof jobberSource>;
export type HousecallProSourceConfig = z.output<typeof housecallproSource>;
export type HttpSourceConfig = z.output<typeof httpSource>;
export type HttpEndpointConfig = z.output<typeof endpoint>;
