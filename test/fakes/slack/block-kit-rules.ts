// What Slack's chat.postMessage / chat.update refuse, checked the way the Web API does: HTTP 200 with
// `{ok:false, error}` and, for blocks, the reasons as json-pointer messages in `response_metadata`.
// The limits are Slack's published ones (Block Kit reference), not ours: a fake that only accepted
// what our renderers produce would hide the day they produce something else.

export interface Refusal {
  ok: false;
  error: string;
  errors?: string[];
  response_metadata?: { messages: string[] };
}

const MAX_TEXT = 40_000;
const MAX_BLOCKS = { message: 50, view: 100 } as const;
const MAX_ID = 255;

/** Block types a message may carry; anything else is `invalid_blocks`. */
const MESSAGE_BLOCKS = new Set([
  'section',
  'divider',
  'image',
  'actions',
  'context',
  'input',
  'header',
  'file',
  'video',
  'rich_text',
  'markdown',
  'table',
]);
const ELEMENT_TYPES = new Set([
  'button',
  'overflow',
  'datepicker',
  'datetimepicker',
  'timepicker',
  'checkboxes',
  'radio_buttons',
  'image',
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'workflow_button',
]);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects the reasons a list of blocks is refused, each with the json-pointer Slack names. */
class BlockChecker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();

  constructor(private readonly surface: keyof typeof MAX_BLOCKS) {}

  blocks(blocks: unknown): void {
    if (!Array.isArray(blocks)) return this.fail('must be an array', '/blocks');
    if (blocks.length > MAX_BLOCKS[this.surface]) this.fail(`no more than ${MAX_BLOCKS[this.surface]} items allowed`, '/blocks');
    blocks.forEach((b, i) => this.block(b, `/blocks/${i}`));
  }

  private fail(reason: string, at: string): void {
    this.problems.push(`${reason} [json-pointer:${at}]`);
  }

  private block(b: unknown, at: string): void {
    if (!isObject(b) || typeof b['type'] !== 'string') return this.fail('missing required field: type', at);
    if (!MESSAGE_BLOCKS.has(b['type'])) return this.fail(`unsupported type: ${b['type']}`, `${at}/type`);
    this.id(b['block_id'], `${at}/block_id`, this.blockIds, 'block_id');
    switch (b['type']) {
      case 'header':
        return this.text(b['text'], `${at}/text`, { max: 150, plainOnly: true, required: true });
      case 'section': {
        if (b['text'] === undefined && b['fields'] === undefined) return this.fail('must provide either text or fields', at);
        if (b['text'] !== undefined) this.text(b['text'], `${at}/text`, { max: 3000, required: true });
        if (b['fields'] !== undefined) this.list(b['fields'], `${at}/fields`, 10, (f, p) => this.text(f, p, { max: 2000, required: true }));
        if (b['accessory'] !== undefined) this.element(b['accessory'], `${at}/accessory`, new Set());
        return;
      }
      case 'context':
        return this.list(b['elements'], `${at}/elements`, 10, (e, p) =>
          isObject(e) && e['type'] === 'image' ? this.image(e, p) : this.text(e, p, { max: 2000, required: true }),
        );
      case 'actions': {
        const actionIds = new Set<string>();
        return this.list(b['elements'], `${at}/elements`, 25, (e, p) => this.element(e, p, actionIds));
      }
      case 'image':
        return this.image(b, at);
      case 'markdown':
        if (typeof b['text'] !== 'string' || b['text'].length === 0) return this.fail('missing required field: text', `${at}/text`);
        if (b['text'].length > 12_000) this.fail('must be less than 12001 characters', `${at}/text`);
        return;
      case 'rich_text':
        if (!Array.isArray(b['elements'])) this.fail('missing required field: elements', `${at}/elements`);
        return;
      default:
        return;
    }
  }

  private list(items: unknown, at: string, max: number, each: (item: unknown, at: string) => void): void {
    if (!Array.isArray(items) || items.length === 0) return this.fail('must provide at least one item', at);
    if (items.length > max) this.fail(`no more than ${max} items allowed`, at);
    items.forEach((item, i) => each(item, `${at}/${i}`));
  }

  private text(t: unknown, at: string, o: { max: number; plainOnly?: boolean; required?: boolean }): void {
    if (!isObject(t)) return this.fail(o.required ? 'missing required field: text' : 'must be an object', at);
    if (t['type'] !== 'plain_text' && (o.plainOnly || t['type'] !== 'mrkdwn'))
      return this.fail(`must be ${o.plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`, `${at}/type`);
    if (typeof t['text'] !== 'string' || t['text'].length === 0) return this.fail('must be more than 0 characters', `${at}/text`);
    if (t['text'].length > o.max) this.fail(`must be less than ${o.max + 1} characters`, `${at}/text`);
  }

  private image(b: Json, at: string): void {
    if (typeof b['image_url'] !== 'string' && !isObject(b['slack_file'])) this.fail('must provide either image_url or slack_file', at);
    if (typeof b['image_url'] === 'string' && b['image_url'].length > 3000)
      this.fail('must be less than 3001 characters', `${at}/image_url`);
    if (typeof b['alt_text'] !== 'string' || b['alt_text'].length === 0) this.fail('missing required field: alt_text', `${at}/alt_text`);
    else if (b['alt_text'].length > 2000) this.fail('must be less than 2001 characters', `${at}/alt_text`);
  }

  private element(e: unknown, at: string, actionIds: Set<string>): void {
    if (!isObject(e) || typeof e['type'] !== 'string') return this.fail('missing required field: type', at);
    if (!ELEMENT_TYPES.has(e['type'])) return this.fail(`unsupported type: ${e['type']}`, `${at}/type`);
    this.id(e['action_id'], `${at}/action_id`, actionIds, 'action_id');
    if (e['type'] === 'image') return this.image(e, at);
    if (e['type'] !== 'button') return;
    this.text(e['text'], `${at}/text`, { max: 75, plainOnly: true, required: true });
    if (e['value'] !== undefined && (typeof e['value'] !== 'string' || e['value'].length > 2000))
      this.fail('must be less than 2001 characters', `${at}/value`);
    if (e['url'] !== undefined && (typeof e['url'] !== 'string' || e['url'].length > 3000))
      this.fail('must be less than 3001 characters', `${at}/url`);
    if (e['style'] !== undefined && e['style'] !== 'primary' && e['style'] !== 'danger')
      this.fail('must be one of primary, danger', `${at}/style`);
  }

  /** block_id is unique in the message, action_id in its block; both at most 255 characters. */
  private id(value: unknown, at: string, seen: Set<string>, what: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length === 0) return this.fail('must be more than 0 characters', at);
    if (value.length > MAX_ID) this.fail(`must be less than ${MAX_ID + 1} characters`, at);
    if (seen.has(value)) this.fail(`${what} must be unique`, at);
    seen.add(value);
  }
}

/** Refusal of a set of blocks (a message's, or a view's with its higher cap), or null if Slack takes them. */
export function checkBlocks(blocks: unknown, surface: keyof typeof MAX_BLOCKS = 'message'): Refusal | null {
  const checker = new BlockChecker(surface);
  checker.blocks(blocks);
  if (checker.problems.length === 0) return null;
  return {
    ok: false,
    error: 'invalid_blocks',
    errors: checker.problems,
    response_metadata: { messages: checker.problems.map((p) => `[ERROR] ${p}`) },
  };
}

function missing(field: string): Refusal {
  return { ok: false, error: 'invalid_arguments', response_metadata: { messages: [`[ERROR] missing required field: ${field}`] } };
}

/**
 * What chat.postMessage or chat.update would refuse before looking at the channel: missing arguments,
 * nothing to show, text over 40,000 characters, blocks Block Kit does not accept.
 */
export function checkMessage(method: 'chat.postMessage' | 'chat.update', a: Record<string, unknown>): Refusal | null {
  if (!a['channel']) return missing('channel');
  if (method === 'chat.update' && !a['ts']) return missing('ts');
  const text = typeof a['text'] === 'string' ? a['text'] : '';
  if (typeof a['blocks'] === 'string' || typeof a['attachments'] === 'string') return { ok: false, error: 'invalid_blocks_format' };
  const hasBlocks = Array.isArray(a['blocks']) && a['blocks'].length > 0;
  const hasAttachments = Array.isArray(a['attachments']) && a['attachments'].length > 0;
  if (method === 'chat.postMessage' && !text && !hasBlocks && !hasAttachments) return { ok: false, error: 'no_text' };
  if (method === 'chat.update' && !text && a['blocks'] === undefined && !hasAttachments) return { ok: false, error: 'no_text' };
  if (text.length > MAX_TEXT) return { ok: false, error: 'msg_too_long' };
  return a['blocks'] === undefined ? null : checkBlocks(a['blocks']);
}
