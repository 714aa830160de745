// Slack Web API errors, translated once into ours. The SDK's error objects never leave this folder:
// only the platform's error string and a sentence on how to fix it.
import { SentinelError } from '../../src/domain/errors';
import { ChannelProblemError } from '../../src/notify/channel-health';
import { PARENT_GONE } from '../../src/notify/deliver';

interface SlackSdkError {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  statusCode?: number;
  message?: string;
}

/** Refusals only a person can fix: the alert waits in the outbox and an operator incident opens. */
const OPERATOR_FIXES: Record<string, (where: string) => string> = {
  not_in_channel: (where) =>
    `invite the app to ${where} (type /invite @sync-sentinel there), or add the chat:write.public scope and reinstall`,
  channel_not_found: (where) =>
    `check channel_id of ${where} in the config (channel details → About → Channel ID) and that the app can see it`,
  is_archived: (where) => `unarchive ${where} or route its alerts to another channel in the config`,
  invalid_auth: () => "set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page",
  not_authed: () => "set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page",
  token_revoked: () => 'reinstall the app to the workspace and set SLACK_BOT_TOKEN to its new bot token',
  account_inactive: () => 'reinstall the app to the workspace and set SLACK_BOT_TOKEN to its new bot token',
  missing_scope: () => 'add the missing scope from manifest.json to the app and reinstall it',
};

const SUMMARIES: Record<string, string> = {
  not_in_channel: 'the app is not a member of the channel',
  channel_not_found: 'Slack cannot find the channel',
  is_archived: 'the channel is archived',
  invalid_auth: 'Slack refused the bot token',
  not_authed: 'no bot token was sent',
  token_revoked: 'the bot token was revoked',
  account_inactive: 'the app was uninstalled',
  missing_scope: 'the app lacks a permission it needs',
};

const RETRYABLE_PLATFORM = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** Block Kit refused as too big or malformed: the same message goes again as plain text. */
export const BLOCKS_REFUSED = new Set(['invalid_blocks', 'msg_blocks_too_long', 'invalid_attachments']);

export function platformError(err: unknown): string | undefined {
  const e = err as SlackSdkError;
  return e?.code === 'slack_webapi_platform_error' ? e.data?.error : undefined;
}

export function slackError(err: unknown, method: string, where: string): SentinelError {
  if (err instanceof SentinelError) return err;
  const e = (err ?? {}) as SlackSdkError;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new SentinelError(
        'slack.rate_limited',
        'rate_limited',
        `Slack asked us to slow down (${method}); retrying after ${e.retryAfter ?? 30} s`,
        { retryAfterSeconds: e.retryAfter ?? 30 },
      );
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      const fix = OPERATOR_FIXES[code];
      if (fix) return new ChannelProblemError(`slack.${code}`, { kind: code, summary: SUMMARIES[code] ?? code, fix: fix(where) });
      if (code === 'message_not_found' || code === 'thread_not_found') {
        return new SentinelError(
          PARENT_GONE,
          'not_found',
          `The alert's message in ${where} is gone (${code}, deleted by hand?): it is posted again as a new thread`,
          { retryable: false },
        );
      }
      if (code === 'ratelimited')
        return new SentinelError('slack.rate_limited', 'rate_limited', `Slack asked us to slow down (${method})`, {
          retryAfterSeconds: 30,
        });
      if (RETRYABLE_PLATFORM.has(code))
        return new SentinelError(`slack.${code}`, 'server', `Slack failed ${method} with ${code}; will retry`);
      return new SentinelError(`slack.${code}`, 'client', `Slack refused ${method} for ${where}: ${code}`, { retryable: false });
    }
    case 'slack_webapi_http_error':
      return new SentinelError(
        'slack.http',
        (e.statusCode ?? 500) >= 500 ? 'server' : 'client',
        `Slack answered ${method} with HTTP ${e.statusCode ?? '?'}`,
        { retryable: (e.statusCode ?? 500) >= 500 },
      );
    case 'slack_webapi_request_error':
      return new SentinelError('slack.network', 'network', `Slack could not be reached for ${method}: ${e.message ?? 'request failed'}`);
    default:
      return new SentinelError('slack.unexpected', 'server', `${method} failed: ${e.message ?? String(err)}`, { retryable: true });
  }
}
