// Reads a Teams channel through Microsoft Graph, for one question only: did a card this bot posted
// land, even though Teams' answer never reached us? The Bot Connector cannot list a channel's
// messages; Graph can, with the ChannelMessage.Read.Group permission the team grants when it
// installs the app (resource-specific consent, see the app manifest). Each card carries a marker
// (its outbox item) as an element id, and Graph returns the card's JSON as the attachment content.
import { SentinelError } from '../../../src/domain/errors';

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';

/** Where a channel lives in Graph: the team's Microsoft 365 group id and the channel id. */
export interface GraphChannel {
  tenantId?: string;
  groupId: string;
  channelId: string;
}

export interface ChannelMessageReader {
  /** The id of the thread root carrying `marker`, among roots changed since `since`; null when none. */
  findRoot(channel: GraphChannel, marker: string, since: Date): Promise<string | null>;
  /** The id of the reply carrying `marker` in the thread under `rootId`; null when none. */
  findReply(channel: GraphChannel, rootId: string, marker: string): Promise<string | null>;
}

export interface ChannelMessageReaderOptions {
  /** Graph's origin (`https://graph.microsoft.com`, or a national cloud's). */
  graphUrl?: string;
  /** An app-only Graph token for the tenant the team lives in. */
  token(tenantId: string | undefined): Promise<string>;
  /** Pages read per lookup at most (Graph returns at most 50 messages a page). */
  maxPages?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Graph's chatMessage, as far as the lookup needs it. */
interface GraphMessage {
  id?: string;
  lastModifiedDateTime?: string | null;
  createdDateTime?: string | null;
  deletedDateTime?: string | null;
  attachments?: Array<{ contentType?: string | null; content?: string | null }> | null;
}

interface GraphPage {
  value?: GraphMessage[];
  '@odata.nextLink'?: string;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** Graph's own refusal: the permission was not granted (or consent was withdrawn). */
export const GRAPH_FORBIDDEN = 'teams.graph_forbidden';

export function createChannelMessageReader(opts: ChannelMessageReaderOptions): ChannelMessageReader {
  const base = `${(opts.graphUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '')}/v1.0`;
  const maxPages = opts.maxPages ?? 20;
  const doFetch = opts.fetch ?? fetch;

  const getPage = async (url: string, tenantId: string | undefined): Promise<GraphPage> => {
    const token = await opts.token(tenantId);
    let res: Response;
    try {
      res = await doFetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new SentinelError(
        'teams.graph_network',
        'network',
        `Microsoft Graph could not be reached to check the channel: ${(err as Error).message}`,
      );
    }
    const text = await res.text().catch(() => '');
    if (res.status === 401 || res.status === 403) {
      throw new SentinelError(
        GRAPH_FORBIDDEN,
        'auth',
        `Microsoft Graph refused to read the channel (HTTP ${res.status}${graphCode(text)}): the team has not granted ChannelMessage.Read.Group — upload the package from \`sync-sentinel teams package\` again (it asks for it) and re-add the app to the team`,
        { retryable: false },
      );
    }
    if (res.status === 429 || res.status >= 500) {
      const after = Number(res.headers.get('retry-after'));
      throw new SentinelError(
        'teams.graph_unavailable',
        res.status === 429 ? 'rate_limited' : 'server',
        `Microsoft Graph answered HTTP ${res.status} while checking the channel; will look again`,
        Number.isFinite(after) && after > 0 ? { retryAfterSeconds: Math.ceil(after) } : {},
      );
    }
    if (!res.ok)
      throw new SentinelError(
        'teams.graph',
        'client',
        `Microsoft Graph refused to list the channel's messages: HTTP ${res.status}${graphCode(text)}`,
        { retryable: false },
      );
    try {
      return JSON.parse(text) as GraphPage;
    } catch {
      throw new SentinelError('teams.graph_malformed', 'server', 'Microsoft Graph answered with a body that is not JSON; will look again');
    }
  };

  /** Walks the pages from `first` until `found` or `stop` says so, or the page budget runs out. */
  const scan = async (first: string, channel: GraphChannel, marker: string, stop: (m: GraphMessage) => boolean): Promise<string | null> => {
    let url: string | undefined = first;
    for (let page = 0; url && page < maxPages; page++) {
      const body = await getPage(url, channel.tenantId);
      for (const m of body.value ?? []) {
        if (m.id && !m.deletedDateTime && carries(m, marker)) return m.id;
        if (stop(m)) return null;
      }
      url = body['@odata.nextLink'];
    }
    return null;
  };

  const channelPath = (c: GraphChannel) =>
    `${base}/teams/${encodeURIComponent(c.groupId)}/channels/${encodeURIComponent(c.channelId)}/messages`;

  return {
    // Roots come newest change first: once they are older than the item, it is not there.
    findRoot(channel, marker, since) {
      return scan(`${channelPath(channel)}?$top=50`, channel, marker, (m) => {
        const at = Date.parse(m.lastModifiedDateTime ?? m.createdDateTime ?? '');
        return Number.isFinite(at) && at < since.getTime();
      });
    },
    findReply(channel, rootId, marker) {
      return scan(`${channelPath(channel)}/${encodeURIComponent(rootId)}/replies?$top=50`, channel, marker, () => false);
    },
  };
}

/** Whether one of the message's Adaptive Cards has an element whose id is `marker`. */
function carries(m: GraphMessage, marker: string): boolean {
  for (const a of m.attachments ?? []) {
    if (a?.contentType !== ADAPTIVE || typeof a.content !== 'string' || !a.content.includes(marker)) continue;
    try {
      if (hasId(JSON.parse(a.content), marker, 0)) return true;
    } catch {
      // Not JSON: not one of our cards.
    }
  }
  return false;
}

function hasId(node: unknown, marker: string, depth: number): boolean {
  if (depth > 12 || node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => hasId(n, marker, depth + 1));
  const o = node as Record<string, unknown>;
  if (o['id'] === marker) return true;
  return ['body', 'items', 'columns'].some((k) => hasId(o[k], marker, depth + 1));
}

function graphCode(text: string): string {
  try {
    const code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? ` ${code}` : '';
  } catch {
    return '';
  }
}
