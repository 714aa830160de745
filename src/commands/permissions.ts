// Who may act on an alert, from the config's `actions.allow`.
import type { ActionAllow, Config } from '../config/schema';
import type { Actor } from './actor';

/**
 * Someone at the command line already holds the database, so the CLI may always act. A chat user
 * may act when no allow-list is configured or when any entry matches them completely.
 */
export function mayAct(config: Pick<Config, 'actions'>, actor: Actor): boolean {
  if (actor.platform === 'cli') return true;
  const allow = config.actions.allow;
  return allow.length === 0 || allow.some((entry) => matches(entry, actor));
}

function matches(entry: ActionAllow, actor: Actor): boolean {
  if (entry.platform && entry.platform !== actor.platform) return false;
  if (entry.channels && !(actor.channelId && entry.channels.includes(actor.channelId))) return false;
  if (entry.users && !entry.users.includes(actor.id)) return false;
  if (entry.groups && !entry.groups.some((g) => actor.groupIds?.includes(g))) return false;
  return true;
}
