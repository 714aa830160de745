// Bot Connector failures, translated once into ours. SDK error objects never leave this folder.
import { SentinelError } from '../../../src/domain/errors';
import { PARENT_GONE } from '../../../src/notify/deliver';
import { NOT_IN_ROSTER } from '../transport';

interface RestLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  body?: unknown;
  response?: { status?: number; bodyAsText?: string | null; headers?: { get?(name: string): string | undefined } };
}

export function connectorError(err: unknown, operation: string, where: string): SentinelError {
  if (err instanceof SentinelError) return err;
  const e = (err ?? {}) as RestLikeError;
  const status = e.statusCode ?? e.response?.status;
  const platform = platformCode(e);
  const retryAfter = retryAfterSeconds(e.response?.headers?.get?.('retry-after'));
  if (status === undefined && isTokenFailure(err)) {
    const reason = (e.message ?? '').split('\n')[0]!.slice(0, 200);
    return new SentinelError(
      'teams.token',
      'auth',
      `Teams: the bot could not get its token from Microsoft Entra ID to ${operation} (${reason}): check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or the certificate) and MICROSOFT_APP_TENANT_ID — or, for a managed identity (UserAssignedMSI), that it is assigned to this host. Will retry.`,
    );
  }
  if (status === 403 && platform === 'BotNotInConversationRoster') {
    return new SentinelError(
      NOT_IN_ROSTER,
      'client',
      `Teams says the app is not in ${where} any more (BotNotInConversationRoster): add the app to that team again (Teams → Apps → Manage your apps); held alerts go out at the next delivery after that.`,
      { retryable: false },
    );
  }
  if (status === 429) {
    return new SentinelError(
      'teams.rate_limited',
      'rate_limited',
      `Teams asked us to slow down (${operation} in ${where}); retrying after ${retryAfter ?? 30} s`,
      { retryAfterSeconds: retryAfter ?? 30 },
    );
  }
  if (status === 401) {
    return new SentinelError(
      'teams.unauthorized',
      'auth',
      `Teams refused the bot's credentials for ${operation}: check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or the certificate) and MICROSOFT_APP_TENANT_ID against the Azure Bot's configuration.`,
      { retryable: false },
    );
  }
  if (status === 403) {
    return new SentinelError(
      'teams.forbidden',
      'auth',
      `Teams refused ${operation} in ${where}${platform ? ` (${platform})` : ''}: check that the app is installed there and allowed to post.`,
      { retryable: false },
    );
  }
  if (status === 404 && platform === 'ActivityNotFoundInConversation') {
    return new SentinelError(
      PARENT_GONE,
      'not_found',
      `The alert's card in ${where} is gone (deleted by hand?): it is posted again as a new thread`,
      { retryable: false },
    );
  }
  if (status === 404) {
    return new SentinelError(
      'teams.not_found',
      'not_found',
      `Teams does not know ${where} (${operation}): check channel_id in the config, or whether the channel or thread was deleted.`,
      { retryable: false },
    );
  }
  if (status === 412 || (status !== undefined && status >= 500)) {
    return new SentinelError(
      'teams.server',
      'server',
      `Teams failed ${operation} with HTTP ${status}; will retry`,
      retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {},
    );
  }
  if (status !== undefined) {
    // The connector's message says what to fix (which card property, how big): keep it, cut short.
    const why = platformMessage(e);
    return new SentinelError(
      'teams.client',
      'client',
      `Teams refused ${operation} in ${where}: HTTP ${status}${platform ? ` ${platform}` : ''}${why ? ` (${why.slice(0, 300)})` : ''}`,
      { retryable: false },
    );
  }
  return new SentinelError('teams.network', 'network', `Teams could not be reached for ${operation}: ${e.message ?? String(err)}`);
}

/** Token acquisition failed (MSAL or Azure Identity), before any request reached the connector. */
function isTokenFailure(err: unknown): boolean {
  const name = (err as { name?: unknown } | undefined)?.name;
  const message = String((err as { message?: unknown } | undefined)?.message ?? '');
  return (
    [
      'AggregateAuthenticationError',
      'CredentialUnavailableError',
      'AuthenticationError',
      'AuthenticationRequiredError',
      'ClientAuthError',
      'ServerError',
      'ManagedIdentityError',
    ].includes(String(name)) || /ChainedTokenCredential|AADSTS\d+|No access token received/.test(message)
  );
}

/** The connector's `{error:{code,message}}` body, from whichever place the SDK left it. */
function platformBody(e: RestLikeError): { code?: unknown; message?: unknown } | undefined {
  const parse = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      return undefined;
    }
  };
  for (const candidate of [e.body, e.response?.bodyAsText]) {
    const body = parse(candidate) as { error?: { code?: unknown; message?: unknown } } | undefined;
    if (body && typeof body.error?.code === 'string') return body.error;
  }
  return undefined;
}

function platformMessage(e: RestLikeError): string | undefined {
  const message = platformBody(e)?.message;
  return typeof message === 'string' && message.trim() ? message.trim() : undefined;
}

function platformCode(e: RestLikeError): string | undefined {
  const code = platformBody(e)?.code;
  if (typeof code === 'string') return code;
  return typeof e.code === 'string' && /^[A-Z][A-Za-z]+$/.test(e.code) ? e.code : undefined;
}

function retryAfterSeconds(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined;
}
