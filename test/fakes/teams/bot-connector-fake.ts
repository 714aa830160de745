// A Bot Connector on 127.0.0.1 that speaks the REST wire format botbuilder's ConnectorClient uses:
// new channel threads, send/reply/update activities, activity members, a team's channel list,
// plus fault injection (429 with Retry-After, 403 BotNotInConversationRoster, 5xx) and, for
// production-mode auth, an OpenID configuration with a signing key and a client-credentials token
// endpoint. It keeps the messages as Teams would show them, and serves them the way Microsoft Graph
// lists a channel's messages and a thread's replies (app-only token, resource-specific consent).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkActivity, type ConnectorRefusal } from './activity-rules';

export interface ConnectorCall {
  method: string;
  /** Path with the conversation id decoded: `POST /v3/conversations/19:ops@thread.tacv2;messageid=1/activities`. */
  path: string;
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown> | undefined;
  authorization: string | undefined;
}

export interface FakeMessage {
  id: string;
  /** The thread the message lives in (`<channel>;messageid=<root id>`). */
  conversationId: string;
  activity: Record<string, unknown>;
  edits: number;
  createdAt: string;
  modifiedAt: string;
}

export interface Fault {
  /** e.g. 'createConversation', 'sendToConversation', 'replyToActivity', 'updateActivity', 'getActivityMembers', 'token', 'any'. */
  op: string;
  status: number;
  body?: unknown;
  retryAfter?: number;
  /** How many calls it answers (default: every call until cleared). */
  times?: number;
}

export interface FakeTeam {
  id: string;
  /** The team's Microsoft 365 group id (Graph's team id); made up from the id when left out. */
  aadGroupId?: string;
  name: string;
  channels: Array<{ id: string; name?: string }>;
}

export class BotConnectorFake {
  readonly calls: ConnectorCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly teams = new Map<string, FakeTeam>();
  /** Activities the connector refused on its own (size, card schema), as status and error: what a log would show. */
  readonly refusals: Array<{ op: string; status: number; code: string; message: string }> = [];
  /** Conversations (channels or threads, by channel id) the bot is no longer in: 403 BotNotInConversationRoster. */
  readonly notInRoster = new Set<string>();
  /** When set, every connector call must carry `Bearer <token>` (production-mode auth). */
  requireToken: string | undefined;
  /** Client-credential requests the token endpoint received (form fields). */
  readonly tokenRequests: Array<Record<string, string>> = [];
  /** The access token the token endpoint gives for Graph's scope; Graph calls must carry it. */
  graphToken = 'fake-graph-token';
  /** The secret App Service puts in IDENTITY_HEADER; the managed-identity endpoint wants it back. */
  identityHeader = 'fake-identity-header';
  /** Whether the team granted ChannelMessage.Read.Group (resource-specific consent); else Graph says 403. */
  graphConsent = true;
  private faults: Fault[] = [];
  private nextId = 1_700_000_000_001;
  /** The service's clock, so message times line up with the outbox in tests that move time. */
  constructor(private readonly clock: () => Date = () => new Date()) {}
  private server: Server | undefined;
  private jwks: unknown = { keys: [] };
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  /** The service URL Teams would put in inbound activities. */
  get serviceUrl(): string {
    return `${this.url}/`;
  }

  /** Signing keys served at /keys (JWKs with `endorsements`, as Bot Framework publishes them). */
  publishKeys(jwks: unknown): void {
    this.jwks = jwks;
  }

  get openIdMetadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  fail(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  addTeam(team: FakeTeam): void {
    this.teams.set(team.id, team);
  }

  /** Root messages of the channel's threads, oldest first. */
  threadsIn(channelId: string): FakeMessage[] {
    return this.messages.filter((m) => m.conversationId === `${channelId};messageid=${m.id}`);
  }

  /** Replies in a thread (not the root), oldest first. */
  repliesIn(threadId: string): FakeMessage[] {
    return this.messages.filter((m) => m.conversationId === threadId && !threadId.endsWith(`;messageid=${m.id}`));
  }

  /** Graph's id of a team (its Microsoft 365 group). */
  groupIdOf(team: FakeTeam): string {
    return team.aadGroupId ?? `00000000-0000-4000-8000-${Buffer.from(team.id).toString('hex').slice(-12).padStart(12, '0')}`;
  }

  /** Calls to the Graph endpoints. */
  graphCalls(): ConnectorCall[] {
    return this.calls.filter((c) => c.path.includes(' /v1.0/'));
  }

  /** Calls to the connector API (not the login or key endpoints). */
  apiCalls(): ConnectorCall[] {
    return this.calls.filter((c) => c.path.includes(' /v3/'));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const decodedPath = `/${segments.join('/')}`;
    let body: Record<string, unknown> | undefined;
    const form: Record<string, string> = {};
    if (raw) {
      if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
        for (const [k, v] of new URLSearchParams(raw)) form[k] = v;
      else {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          body = undefined;
        }
      }
    }
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path: `${req.method} ${decodedPath}`,
      body,
      authorization: req.headers.authorization,
    };
    if (segments[0] === 'v3' && segments[1] === 'conversations' && segments[2]) call.conversationId = segments[2];
    if (segments[3] === 'activities' && segments[4]) call.activityId = segments[4];
    this.calls.push(call);

    // Identity endpoints: OpenID metadata, signing keys, client-credentials tokens.
    if (decodedPath === '/v1/.well-known/openidconfiguration')
      return json(res, 200, {
        issuer: 'https://api.botframework.com',
        jwks_uri: `${this.url}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    if (decodedPath === '/keys') return json(res, 200, this.jwks);
    if (segments.at(-1) === 'token' && req.method === 'POST') {
      this.tokenRequests.push(form);
      const fault = this.takeFault('token');
      if (fault) return this.answerFault(res, fault);
      const forGraph = !!form['scope'] && !form['scope'].includes('botframework.com');
      return json(res, 200, {
        token_type: 'Bearer',
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: forGraph ? this.graphToken : (this.requireToken ?? 'fake-bot-token'),
      });
    }
    if (segments[0] === 'v1.0') return this.graph(req, res, segments, url);
    // Azure App Service's managed-identity endpoint (IDENTITY_ENDPOINT, with IDENTITY_HEADER): a bot
    // running as a user-assigned managed identity gets its tokens here.
    if (decodedPath === '/msi/token' && req.method === 'GET') {
      if (req.headers['x-identity-header'] !== this.identityHeader)
        return json(res, 400, { statusCode: 400, message: 'Unable to load the proper Managed Identity.' });
      const resource = url.searchParams.get('resource') ?? '';
      this.tokenRequests.push({ resource, client_id: url.searchParams.get('client_id') ?? '' });
      const fault = this.takeFault('token');
      if (fault) return this.answerFault(res, fault);
      const token = resource.includes('botframework.com') ? (this.requireToken ?? 'fake-bot-token') : this.graphToken;
      return json(res, 200, {
        access_token: token,
        expires_on: String(Math.floor(this.clock().getTime() / 1000) + 3600),
        resource,
        token_type: 'Bearer',
        client_id: url.searchParams.get('client_id'),
      });
    }

    const op = operationOf(req.method ?? 'GET', segments);
    if (!op) return json(res, 404, { error: { code: 'NotFound', message: `no route ${call.path}` } });
    if (this.requireToken && req.headers.authorization !== `Bearer ${this.requireToken}`)
      return json(res, 401, { error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } });
    const fault = this.takeFault(op);
    if (fault) return this.answerFault(res, fault);

    const conversationId = call.conversationId ?? '';
    const channelOf = (id: string) => id.split(';')[0]!;
    if (op !== 'fetchChannelList' && op !== 'createConversation' && this.notInRoster.has(channelOf(conversationId)))
      return rosterRefusal(res);

    const outgoing =
      op === 'createConversation'
        ? body?.['activity']
        : op === 'sendToConversation' || op === 'replyToActivity' || op === 'updateActivity'
          ? body
          : undefined;
    const refused = outgoing === undefined ? null : checkActivity(outgoing);
    if (refused) return this.refuse(res, op, refused);

    switch (op) {
      case 'createConversation': {
        const channelId = ((body?.['channelData'] as { channel?: { id?: string } } | undefined)?.channel?.id ?? '') as string;
        if (!channelId) return json(res, 400, { error: { code: 'BadArgument', message: 'channelData.channel.id is required' } });
        if (this.notInRoster.has(channelId)) return rosterRefusal(res);
        const id = String(this.nextId++);
        const threadId = `${channelId};messageid=${id}`;
        this.messages.push({
          id,
          conversationId: threadId,
          activity: (body?.['activity'] ?? {}) as Record<string, unknown>,
          edits: 0,
          ...this.stamp(),
        });
        return json(res, 201, { id: threadId, activityId: id });
      }
      case 'sendToConversation':
      case 'replyToActivity': {
        if (!this.knowsConversation(conversationId))
          return json(res, 404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
        const id = String(this.nextId++);
        this.messages.push({ id, conversationId, activity: body ?? {}, edits: 0, ...this.stamp() });
        return json(res, 201, { id });
      }
      case 'updateActivity': {
        const message = this.messages.find((m) => m.id === call.activityId && channelOf(m.conversationId) === channelOf(conversationId));
        if (!message) return json(res, 404, { error: { code: 'ActivityNotFoundInConversation', message: 'Unknown activity id.' } });
        message.activity = body ?? {};
        message.edits++;
        message.modifiedAt = this.clock().toISOString();
        return json(res, 200, { id: message.id });
      }
      case 'getActivityMembers': {
        const known = this.messages.some((m) => m.id === call.activityId && channelOf(m.conversationId) === channelOf(conversationId));
        if (!known) return json(res, 404, { error: { code: 'ActivityNotFoundInConversation', message: 'Unknown activity id.' } });
        return json(res, 200, [{ id: '28:bot', name: 'Sync Sentinel' }]);
      }
      case 'fetchTeamDetails': {
        const team = this.teams.get(segments[2] ?? '');
        if (!team) return json(res, 404, { error: { code: 'NotFound', message: 'Team not found.' } });
        return json(res, 200, { id: team.id, name: team.name, aadGroupId: this.groupIdOf(team) });
      }
      case 'fetchChannelList': {
        const team = this.teams.get(segments[2] ?? '');
        if (!team) return json(res, 404, { error: { code: 'NotFound', message: 'Team not found.' } });
        if (this.notInRoster.has(team.id)) return rosterRefusal(res);
        return json(res, 200, { conversations: team.channels });
      }
    }
  }

  private refuse(res: ServerResponse, op: string, refusal: ConnectorRefusal): void {
    this.refusals.push({ op, status: refusal.status, ...refusal.body.error });
    json(res, refusal.status, refusal.body);
  }

  private stamp(): { createdAt: string; modifiedAt: string } {
    const at = this.clock().toISOString();
    return { createdAt: at, modifiedAt: at };
  }

  /**
   * Microsoft Graph: GET /v1.0/teams/{group}/channels/{channel}/messages (thread roots, most recently
   * changed first) and …/messages/{id}/replies, in pages of $top (at most 50) with @odata.nextLink.
   */
  private graph(req: IncomingMessage, res: ServerResponse, s: string[], url: URL): void {
    const replies = s.length === 8 && s[7] === 'replies';
    const op = replies ? 'graphListReplies' : 'graphListMessages';
    if (req.method !== 'GET' || s[1] !== 'teams' || s[3] !== 'channels' || s[5] !== 'messages' || !(s.length === 6 || replies))
      return json(res, 404, graphError('NotFound', 'Resource not found for the segment.'));
    if (req.headers.authorization !== `Bearer ${this.graphToken}`)
      return json(res, 401, graphError('InvalidAuthenticationToken', 'Access token validation failure.'));
    const fault = this.takeFault(op);
    if (fault) return this.answerFault(res, fault);
    const team = [...this.teams.values()].find((t) => this.groupIdOf(t) === s[2]);
    if (!team || !team.channels.some((c) => c.id === s[4])) return json(res, 404, graphError('NotFound', 'Channel not found.'));
    if (!this.graphConsent)
      return json(
        res,
        403,
        graphError(
          'Forbidden',
          'Missing role permissions on the request. API requires one of ChannelMessage.Read.Group, ChannelMessage.Read.All.',
        ),
      );
    const channelId = s[4]!;
    const all = replies
      ? this.repliesIn(`${channelId};messageid=${s[6]}`).reverse()
      : [...this.threadsIn(channelId)].sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    const top = Math.min(50, Math.max(1, Number(url.searchParams.get('$top') ?? 20) || 20));
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0) || 0;
    const page = all.slice(skip, skip + top);
    const next = skip + top < all.length ? `${this.url}${url.pathname}?$top=${top}&$skiptoken=${skip + top}` : undefined;
    json(res, 200, {
      '@odata.context': `${this.url}/v1.0/$metadata#teams('${s[2]}')/channels('${encodeURIComponent(channelId)}')/messages`,
      '@odata.count': page.length,
      ...(next ? { '@odata.nextLink': next } : {}),
      value: page.map((m) => graphMessage(m, team, this.groupIdOf(team), channelId, replies ? s[6]! : null)),
    });
  }

  /** Channels of known teams, their threads, and chats the bot replied in. */
  private knowsConversation(id: string): boolean {
    const channel = id.split(';')[0]!;
    for (const team of this.teams.values()) if (team.channels.some((c) => c.id === channel)) return true;
    return this.messages.some((m) => m.conversationId === id) || !id.startsWith('19:');
  }

  private takeFault(op: string): Fault | undefined {
    const fault = this.faults.find((f) => f.op === op || f.op === 'any');
    if (!fault) return undefined;
    if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  private answerFault(res: ServerResponse, fault: Fault): void {
    if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
    json(
      res,
      fault.status,
      fault.body ?? { error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceError', message: `fault ${fault.status}` } },
    );
  }
}

function operationOf(method: string, s: string[]): string | undefined {
  if (s[0] !== 'v3') return undefined;
  if (s[1] === 'teams' && s.length === 3 && method === 'GET') return 'fetchTeamDetails';
  if (s[1] === 'teams' && s[3] === 'conversations' && method === 'GET') return 'fetchChannelList';
  if (s[1] !== 'conversations') return undefined;
  if (s.length === 2 && method === 'POST') return 'createConversation';
  if (s[3] !== 'activities') return undefined;
  if (s.length === 4 && method === 'POST') return 'sendToConversation';
  if (s.length === 5 && method === 'POST') return 'replyToActivity';
  if (s.length === 5 && method === 'PUT') return 'updateActivity';
  if (s.length === 6 && s[5] === 'members' && method === 'GET') return 'getActivityMembers';
  return undefined;
}

/** A message as Graph's chatMessage resource shows it: the card's JSON is the attachment's content. */
function graphMessage(
  m: FakeMessage,
  team: FakeTeam,
  groupId: string,
  channelId: string,
  replyToId: string | null,
): Record<string, unknown> {
  const attachments = (Array.isArray(m.activity['attachments']) ? m.activity['attachments'] : []) as Array<{
    contentType?: string;
    content?: unknown;
  }>;
  const ids = attachments.map((_, i) => `${m.id}-${i}`);
  const text = typeof m.activity['text'] === 'string' ? (m.activity['text'] as string) : '';
  return {
    id: m.id,
    replyToId,
    etag: m.id,
    messageType: 'message',
    createdDateTime: m.createdAt,
    lastModifiedDateTime: m.modifiedAt,
    lastEditedDateTime: m.edits > 0 ? m.modifiedAt : null,
    deletedDateTime: null,
    subject: null,
    summary: typeof m.activity['summary'] === 'string' ? m.activity['summary'] : null,
    chatId: null,
    importance: 'normal',
    locale: 'en-us',
    webUrl: `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${m.id}?groupId=${groupId}`,
    policyViolation: null,
    eventDetail: null,
    from: {
      application: {
        '@odata.type': '#microsoft.graph.teamworkApplicationIdentity',
        id: 'bot-app',
        displayName: team.name ? 'Sync Sentinel' : null,
        applicationIdentityType: 'bot',
      },
      device: null,
      user: null,
    },
    body: { contentType: 'html', content: attachments.length ? ids.map((id) => `<attachment id="${id}"></attachment>`).join('') : text },
    channelIdentity: { teamId: groupId, channelId },
    attachments: attachments.map((a, i) => ({
      id: ids[i],
      contentType: a.contentType ?? null,
      contentUrl: null,
      content: a.content === undefined ? null : JSON.stringify(a.content),
      name: null,
      thumbnailUrl: null,
      teamsAppId: null,
    })),
    mentions: [],
    reactions: [],
  };
}

function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': 'fake', 'client-request-id': 'fake' } } };
}

function rosterRefusal(res: ServerResponse): void {
  json(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
