// Looking for the bot's own message in a team channel through Microsoft Graph, for everything that
// posts there (alerts and the digest): the team's group id (asked of the connector once), and what to
// do when the team has not granted the read permission (say so once, and let the caller post).
import { SentinelError } from '../../../src/domain/errors';
import type { Logger } from '../../../src/ports/logger';
import type { ConversationAddress, TeamsTransport } from '../transport';
import { GRAPH_FORBIDDEN, type ChannelMessageReader, type GraphChannel } from './channel-messages';

export interface ChannelLookup {
  /** Whether there is a reader at all (anonymous local mode has none). */
  readonly canRead: boolean;
  /**
   * Runs `find` against the channel: its answer (a message id or null), or undefined when the
   * channel cannot be read (no reader, not a team channel, or the permission was not granted).
   */
  find(
    address: ConversationAddress,
    teamId: string | undefined,
    find: (where: GraphChannel, reader: ChannelMessageReader) => Promise<string | null>,
  ): Promise<string | null | undefined>;
}

export interface ChannelLookupOptions {
  /** Configured channel name, for the warning. */
  name: string;
  channelId: string;
  transport: TeamsTransport;
  reader?: ChannelMessageReader;
  log?: Logger;
  /** What may show twice without the permission ("a post whose answer was lost"). */
  what: string;
}

export function createChannelLookup(opts: ChannelLookupOptions): ChannelLookup {
  const groupIds = new Map<string, Promise<string>>();
  let warnedForbidden = false;

  const groupIdOf = (address: ConversationAddress, teamId: string): Promise<string> => {
    let groupId = groupIds.get(teamId);
    if (!groupId) {
      groupId = opts.transport.teamGroupId(address, teamId);
      groupIds.set(teamId, groupId);
      groupId.catch(() => groupIds.delete(teamId));
    }
    return groupId;
  };

  return {
    canRead: !!opts.reader,
    async find(address, teamId, find) {
      if (!opts.reader || !teamId) return undefined;
      const where: GraphChannel = {
        groupId: await groupIdOf(address, teamId),
        channelId: opts.channelId,
        ...(address.tenantId ? { tenantId: address.tenantId } : {}),
      };
      try {
        return await find(where, opts.reader);
      } catch (err) {
        if (!(err instanceof SentinelError) || err.code !== GRAPH_FORBIDDEN) throw err;
        // Without the permission the bot cannot tell; it posts again rather than hold messages for ever.
        if (!warnedForbidden) opts.log?.warn({ channel: opts.name }, `${err.message}. Until then ${opts.what} may appear twice.`);
        warnedForbidden = true;
        return undefined;
      }
    },
  };
}
