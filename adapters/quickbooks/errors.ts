// Every way a node-quickbooks call fails, translated once into a SentinelError whose message names the
// HTTP status, QuickBooks' fault code and text, the intuit_tid to quote to Intuit support, and the fix.
// Raw axios errors carry the Authorization header in `config`, so nothing of them is kept but facts.
import { scrubSecrets } from '../../src/domain/scrub-secrets';
import { SentinelError, type ErrorReason } from '../../src/domain/errors';
import { isFaultBody, readFault, type FaultInfo } from './fault-body';

/** The reasons a QuickBooks call can fail for; `config`, `not_found` and `conflict` belong to other layers. */
type QuickbooksReason = Exclude<ErrorReason, 'config' | 'not_found' | 'conflict'>;

const CODES: Record<QuickbooksReason, string> = {
  auth: 'quickbooks.auth',
  rate_limited: 'quickbooks.throttled',
  server: 'quickbooks.server',
  client: 'quickbooks.client',
  timeout: 'quickbooks.timeout',
  network: 'quickbooks.network',
  malformed: 'quickbooks.malformed',
};

/** Intuit's guidance: wait a minute after a 429 that does not say how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;
const MAX_TEXT = 300;

interface AxiosLike {
  isAxiosError: true;
  code?: string;
  message: string;
  response?: { status: number; headers?: Record<string, unknown>; data?: unknown };
}

/** The facts kept as `cause`: enough to debug, nothing that authenticates. */
export interface QuickbooksFailure {
  status?: number;
  transportCode?: string;
  fault?: FaultInfo;
  intuitTid?: string;
}

/** `secrets` are scrubbed from any text QuickBooks echoes back (tokens, client secret). */
export function toSentinelError(err: unknown, operation: string, secrets: readonly string[] = []): SentinelError {
  if (err instanceof SentinelError) return err;
  const fail = (reason: QuickbooksReason, parts: string[], failure: QuickbooksFailure, extra: Extra = {}) =>
    failed(operation, secrets, reason, parts, failure, extra);

  if (isAxiosError(err) && err.response) {
    const { status, headers = {}, data } = err.response;
    const fault = readFault(data);
    const failure: QuickbooksFailure = { status, fault, intuitTid: header(headers, 'intuit_tid') };
    const parts = [`HTTP ${status}`, ...describe(fault)];
    if (status === 401) return fail('auth', parts, failure, { hint: UNAUTHORIZED_HINT });
    if (status === 403) return fail('auth', parts, failure, { hint: FORBIDDEN_HINT });
    if (fault.code === '6190') return fail('auth', parts, failure, { hint: LAPSED_HINT });
    if (status === 429) {
      const retryAfterSeconds = retryAfter(header(headers, 'retry-after'));
      return fail('rate_limited', parts, failure, { retryAfterSeconds, hint: throttledHint(retryAfterSeconds) });
    }
    return fail(status >= 500 ? 'server' : 'client', parts, failure);
  }
  if (isAxiosError(err)) {
    const parts = [`no response (${[err.code, err.message].filter(Boolean).join(': ')})`];
    const failure: QuickbooksFailure = { transportCode: err.code };
    if (err.code === 'ETIMEDOUT' || err.code === 'ECONNABORTED') return fail('timeout', parts, failure);
    return fail('network', parts, failure, { hint: 'check that the QuickBooks base URL is reachable from this machine' });
  }
  if (isFaultBody(err)) {
    // node-quickbooks hands over a 200 whose body is a Fault as the error itself.
    const fault = readFault(err);
    const reason = reasonOfFault(fault);
    const hint = reason === 'auth' ? FORBIDDEN_HINT : reason === 'rate_limited' ? throttledHint(DEFAULT_RETRY_AFTER_SECONDS) : undefined;
    return fail(reason, ['HTTP 200 with a Fault', ...describe(fault)], { status: 200, fault }, { hint });
  }
  if (err instanceof TypeError || err instanceof SyntaxError) {
    // node-quickbooks dereferences `QueryResponse` before we see the body, so a non-JSON 200 ends here.
    return malformedError(operation, `the response was not QuickBooks JSON (${err.message})`);
  }
  return fail('server', [truncate(err instanceof Error ? err.message : String(err))], {});
}

/** Retryable: a cut-off body is usually a dropped connection, not a lasting state. */
export function malformedError(operation: string, what: string): SentinelError {
  return new SentinelError(CODES.malformed, 'malformed', `QuickBooks ${operation} failed: ${what}`, { retryable: true });
}

export function timeoutError(operation: string, timeoutMs: number): SentinelError {
  return new SentinelError(
    CODES.timeout,
    'timeout',
    `QuickBooks ${operation} failed: no answer within ${timeoutMs} ms. Fix: raise the QuickBooks source's timeout if QuickBooks is only slow`,
  );
}

const UNAUTHORIZED_HINT = 'reconnect QuickBooks or refresh the access token';
const LAPSED_HINT = 'the QuickBooks subscription of this company lapsed (6190); renew it, then reconnect QuickBooks';
const FORBIDDEN_HINT = 'check the realm id and that the app is still connected to this company, then reconnect QuickBooks';

function throttledHint(seconds: number): string {
  return `wait ${seconds}s; QuickBooks allows 500 requests a minute per company`;
}

interface Extra {
  hint?: string;
  retryAfterSeconds?: number;
}

function failed(
  operation: string,
  secrets: readonly string[],
  reason: QuickbooksReason,
  parts: string[],
  failure: QuickbooksFailure,
  extra: Extra,
): SentinelError {
  let message = `QuickBooks ${operation} failed: ${parts.join(' · ')}`;
  if (failure.intuitTid) message += ` (intuit_tid ${failure.intuitTid})`;
  if (extra.hint) message += `. Fix: ${extra.hint}`;
  return new SentinelError(CODES[reason], reason, scrubSecrets(message, secrets), {
    cause: failure,
    retryAfterSeconds: extra.retryAfterSeconds,
  });
}

function describe(fault: FaultInfo): string[] {
  if (fault.nonJson === 'html') return [`HTML error page${fault.title ? ` "${truncate(fault.title)}"` : ''}`];
  const parts = [fault.nonJson === 'xml' ? 'XML fault' : undefined, fault.code ? `code ${fault.code}` : undefined];
  const text = [fault.message, fault.detail]
    .filter(Boolean)
    .map((t) => truncate(t ?? ''))
    .join(' — ');
  if (text) parts.push(text);
  if (fault.nonJson === 'text') parts.push('body was not JSON');
  return parts.filter((p): p is string => p !== undefined);
}

function reasonOfFault(fault: FaultInfo): QuickbooksReason {
  const type = fault.type ?? '';
  // 6190: the company's subscription lapsed; like a revoked connection, only a person can fix it.
  if (/authentication|authorization/i.test(type) || fault.code === '3200' || fault.code === '120' || fault.code === '6190') return 'auth';
  if (/throttl/i.test(type) || fault.code === '3001') return 'rate_limited';
  if (/validation/i.test(type)) return 'client';
  return 'server';
}

/** Retry-After is seconds or an HTTP date. */
function retryAfter(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RETRY_AFTER_SECONDS;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_SECONDS : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function isAxiosError(err: unknown): err is AxiosLike {
  return typeof err === 'object' && err !== null && (err as { isAxiosError?: unknown }).isAxiosError === true;
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
