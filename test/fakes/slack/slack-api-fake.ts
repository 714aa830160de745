// A fake Slack Web API on 127.0.0.1 that the real @slack/web-api client (and Bolt) talk to through
// `slackApiUrl`. It speaks the wire format: form-encoded bodies with JSON-stringified blocks and
// metadata, the token in `Authorization: Bearer`, `{ok:false,error}` refusals, 429 + Retry-After.
// It keeps channels, messages and threads, so tests assert what a person would see in Slack.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBlocks, checkMessage } from './block-kit-rules';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  reply_broadcast?: boolean;
  /** A file shared into the channel (or a thread) by files.completeUploadExternal. */
  files?: Array<{ id: string; name: string; title: string }>;
  edits: number;
}

type Fault = { error: string } | { status: 429; retryAfter: number } | { status: number };

const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'files', 'user_ids'];
/** Methods that need the app-level token (xapp-) rather than the bot token. */
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

export interface SlackApiFakeOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  botUserId?: string;
}

export class SlackApiFake {
  readonly calls: ApiCall[] = [];
  readonly messages: FakeMessage[] = [];
  /** Every `{ok:false}` the fake answered on its own (not injected faults), as `method: error`: what a log would show. */
  readonly refusals: Array<{ method: string; error: string; errors?: string[] }> = [];
  /** Home tabs published, per user. */
  readonly homes = new Map<string, unknown>();
  readonly uploads = new Map<string, { filename: string; bytes: number; channel?: string }>();
  /** The bytes of each upload, by file id. */
  readonly uploadedBytes = new Map<string, Buffer>();
  /** What the app posted to response_urls, with when it arrived (performance.now()). */
  readonly responses: Array<{ path: string; body: Record<string, unknown>; receivedAt: number }> = [];
  /** Channels the bot is not a member of (chat.postMessage → not_in_channel). */
  readonly notIn = new Set<string>();
  /** Channels that do not exist (→ channel_not_found); empty means every id exists. */
  readonly missing = new Set<string>();
  readonly userGroups = new Map<string, { handle: string; users: string[] }>();
  readonly users = new Map<string, { name: string; real_name: string }>();
  socketUrl: string | null = null;
  botToken: string;
  appToken: string;
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | null = null;
  private clock = Math.floor(Date.now() / 1000);
  private nextId = 1;
  port = 0;

  constructor(private readonly opts: SlackApiFakeOptions = {}) {
    this.botToken = opts.botToken ?? 'fake-slack-bot-token';
    this.appToken = opts.appToken ?? 'fake-slack-app-token';
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, fault: Fault, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(method, list);
  }

  /** Calls of these methods only (chat.*, by default), as `method channel` lines: the story a test asserts. */
  story(methods: string[] = ['chat.postMessage', 'chat.update']): string[] {
    return this.calls
      .filter((c) => methods.includes(c.method))
      .map((c) => {
        const a = c.args;
        const thread = a['thread_ts'] ? ` thread=${String(a['thread_ts'])}` : '';
        const broadcast = a['reply_broadcast'] === 'true' ? ' broadcast' : '';
        const ts = c.method === 'chat.update' ? ` ts=${String(a['ts'])}` : '';
        return `${c.method} ${String(a['channel'])}${ts}${thread}${broadcast}: ${String(a['text']).split('\n')[0]}`;
      });
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Top-level messages of a channel, oldest first. */
  channelMessages(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && (!m.thread_ts || m.reply_broadcast));
  }

  threadOf(channel: string, ts: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.thread_ts === ts);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (url.pathname.startsWith('/upload/')) {
      const id = url.pathname.slice('/upload/'.length);
      const up = this.uploads.get(id);
      if (!up) return this.reply(res, 404, { ok: false });
      const data = fileBytes(req.headers['content-type'] ?? '', raw);
      this.uploadedBytes.set(id, data);
      up.bytes = data.length;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
      return;
    }
    if (url.pathname.startsWith('/respond/')) {
      this.responses.push({
        path: url.pathname,
        body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>,
        receivedAt: performance.now(),
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) return this.reply(res, 404, { ok: false, error: 'unknown_path' });
    const method = url.pathname.slice('/api/'.length);
    const args = this.parseBody(req.headers['content-type'] ?? '', raw);
    const auth = req.headers['authorization'];
    const token =
      typeof auth === 'string' && auth.startsWith('Bearer ')
        ? auth.slice(7)
        : typeof args['token'] === 'string'
          ? (args['token'] as string)
          : null;
    this.calls.push({ method, args, token });

    const fault = this.faults.get(method)?.shift();
    if (fault) {
      if ('error' in fault) return this.reply(res, 200, { ok: false, error: fault.error });
      if (fault.status === 429) {
        res
          .writeHead(429, { 'retry-after': String((fault as { retryAfter: number }).retryAfter), 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      return this.reply(res, fault.status, { ok: false, error: 'fake_http_error' });
    }
    const expected = APP_TOKEN_METHODS.has(method) ? this.appToken : this.botToken;
    if (token !== expected) return this.reply(res, 200, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
    const answer = this.answer(method, args);
    if (answer['ok'] === false) {
      const errors = answer['errors'] as string[] | undefined;
      this.refusals.push({ method, error: String(answer['error']), ...(errors ? { errors } : {}) });
    }
    this.reply(res, 200, answer);
  }

  private parseBody(type: string, raw: Buffer): Record<string, unknown> {
    const text = raw.toString('utf8');
    if (type.includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    const args: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(text)) args[k] = JSON_FIELDS.includes(k) && /^[[{]/.test(v) ? JSON.parse(v) : v;
    return args;
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }

  private checkChannel(channel: string): { ok: false; error: string } | null {
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (this.missing.has(channel)) return { ok: false, error: 'channel_not_found' };
    if (this.notIn.has(channel)) return { ok: false, error: 'not_in_channel' };
    return null;
  }

  private nextTs(): string {
    // Trailing zeros on purpose: a ts that went through a number would lose them.
    return `${++this.clock}.000100`;
  }

  private answer(method: string, a: Record<string, unknown>): Record<string, unknown> {
    const teamId = this.opts.teamId ?? 'T_FAKE';
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'sync-sentinel',
          team_id: teamId,
          user_id: this.opts.botUserId ?? 'U_BOT',
          bot_id: 'B_BOT',
        };
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'socket_mode_not_enabled' };
      case 'chat.postMessage': {
        const refused = checkMessage(method, a);
        if (refused) return { ...refused };
        const channel = String(a['channel'] ?? '');
        const bad = this.checkChannel(channel);
        if (bad) return bad;
        const thread = a['thread_ts'] ? String(a['thread_ts']) : undefined;
        if (thread && !this.messages.some((m) => m.channel === channel && m.ts === thread)) return { ok: false, error: 'thread_not_found' };
        const msg: FakeMessage = {
          channel,
          ts: this.nextTs(),
          text: String(a['text'] ?? ''),
          blocks: (a['blocks'] as unknown[]) ?? [],
          ...(a['metadata'] ? { metadata: a['metadata'] as FakeMessage['metadata'] } : {}),
          ...(thread ? { thread_ts: thread } : {}),
          ...(a['reply_broadcast'] === 'true' ? { reply_broadcast: true } : {}),
          edits: 0,
        };
        this.messages.push(msg);
        return { ok: true, channel, ts: msg.ts, message: { type: 'message', text: msg.text, ts: msg.ts, bot_id: 'B_BOT' } };
      }
      case 'chat.update': {
        const refused = checkMessage(method, a);
        if (refused) return { ...refused };
        const channel = String(a['channel'] ?? '');
        const bad = this.checkChannel(channel);
        if (bad) return bad;
        const msg = this.messages.find((m) => m.channel === channel && m.ts === String(a['ts']));
        if (!msg) return { ok: false, error: 'message_not_found' };
        Object.assign(msg, { text: String(a['text'] ?? msg.text), blocks: (a['blocks'] as unknown[]) ?? msg.blocks, edits: msg.edits + 1 });
        return { ok: true, channel, ts: msg.ts, text: msg.text };
      }
      case 'conversations.history': {
        const channel = String(a['channel'] ?? '');
        const oldest = Number(a['oldest'] ?? 0);
        const msgs = this.channelMessages(channel)
          .filter((m) => Number(m.ts) >= oldest)
          .reverse();
        return this.page(msgs, a);
      }
      case 'conversations.replies': {
        const channel = String(a['channel'] ?? '');
        const root = this.messages.find((m) => m.channel === channel && m.ts === String(a['ts']));
        if (!root) return { ok: false, error: 'thread_not_found' };
        return this.page([root, ...this.threadOf(channel, root.ts)], a);
      }
      case 'views.publish': {
        if (!a['user_id']) return { ok: false, error: 'invalid_arguments' };
        const view = a['view'] as { blocks?: unknown } | undefined;
        const refused =
          view && typeof view === 'object' ? checkBlocks(view.blocks ?? [], 'view') : { ok: false as const, error: 'invalid_arguments' };
        if (refused) return { ...refused };
        this.homes.set(String(a['user_id']), a['view']);
        return { ok: true, view: { id: `V${this.nextId++}` } };
      }
      case 'views.open':
        return { ok: true, view: { id: `V${this.nextId++}`, ...(a['view'] as object) } };
      case 'usergroups.list':
        return { ok: true, usergroups: [...this.userGroups].map(([id, g]) => ({ id, handle: g.handle, users: g.users })) };
      case 'usergroups.users.list': {
        const g = this.userGroups.get(String(a['usergroup']));
        return g ? { ok: true, users: g.users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'users.info': {
        const u = this.users.get(String(a['user']));
        return u
          ? {
              ok: true,
              user: { id: a['user'], name: u.name, real_name: u.real_name, profile: { real_name: u.real_name, display_name: u.name } },
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'files.getUploadURLExternal': {
        if (!a['filename'] || !a['length']) return { ok: false, error: 'invalid_arguments' };
        const id = `F${this.nextId++}`;
        this.uploads.set(id, { filename: String(a['filename']), bytes: 0 });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (a['files'] as Array<{ id: string; title?: string }>) ?? [];
        if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
        if (typeof a['initial_comment'] === 'string' && a['initial_comment'].length > 40_000) return { ok: false, error: 'msg_too_long' };
        if (a['thread_ts'] && !a['channel_id']) return { ok: false, error: 'invalid_arguments' };
        for (const f of files) {
          const up = this.uploads.get(f.id);
          if (!up) return { ok: false, error: 'file_not_found' };
          up.channel = String(a['channel_id'] ?? '');
        }
        // Slack shares the files as a message of the channel, or of the thread named.
        if (a['channel_id'] && files.length > 0) {
          const thread = a['thread_ts'] ? String(a['thread_ts']) : undefined;
          this.messages.push({
            channel: String(a['channel_id']),
            ts: this.nextTs(),
            text: String(a['initial_comment'] ?? ''),
            blocks: [],
            files: files.map((f) => ({
              id: f.id,
              name: this.uploads.get(f.id)!.filename,
              title: f.title ?? this.uploads.get(f.id)!.filename,
            })),
            ...(thread ? { thread_ts: thread } : {}),
            edits: 0,
          });
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? this.uploads.get(f.id)?.filename })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private page(msgs: FakeMessage[], a: Record<string, unknown>): Record<string, unknown> {
    const limit = Number(a['limit'] ?? 100);
    const start = Number(a['cursor'] ?? 0);
    const slice = msgs.slice(start, start + limit);
    const withMeta = a['include_all_metadata'] === 'true';
    return {
      ok: true,
      messages: slice.map((m) => ({
        type: 'message',
        ts: m.ts,
        text: m.text,
        ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
        ...(m.files ? { files: m.files } : {}),
        ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
      })),
      has_more: start + limit < msgs.length,
      response_metadata: { next_cursor: start + limit < msgs.length ? String(start + limit) : '' },
    };
  }
}

/** The file inside an upload: the web client sends it as multipart form data (or raw bytes). */
function fileBytes(type: string, raw: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (!type.startsWith('multipart/form-data') || !boundary) return raw;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const next = raw.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(at + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1 && /filename=/.test(part.subarray(0, split).toString('utf8'))) return part.subarray(split + 4);
    at = next;
  }
  return raw;
}
