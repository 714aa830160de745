// Record text as an attacker or a careless typist writes it, and what would make it dangerous in
// each chat: the corpus every renderer of record text is checked against (alerts, answers, digests).
import fc from 'fast-check';

export const CORPUS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '@here please look',
  '@channel',
  '<@U0123ABCD>',
  '<#C0123ABCD>',
  '<!subteam^S0123|@accounting>',
  '<https://evil.example/login|Open QuickBooks>',
  '[Open QuickBooks](https://evil.example/login)',
  'https://evil.example/login',
  'pay at evil.example now',
  'mailto:someone@evil.example',
  '*bold* _italic_ ~strike~ `code` ```block```',
  '> quoted line',
  '&lt;!channel&gt;',
  'Tom & Jerry <Plumbing>',
  '\u001b[2J\u001b[31mFAKE ALERT\u001b[0m',
  '\u001b]8;;https://evil.example\u0007Open\u001b]8;;\u0007',
  'line one\rline two\u0000\u0007\u0008',
  '\u202egnp.exe',
  '\u2066isolated\u2069 \u202aembedded\u202c \u202bright\u202c \u2067rtl\u2069 \u2068first\u2069',
  'C1 \u0085next\u009b31mred',
  '<at>Dana Ortiz</at>',
  '{{DATE(2026-11-27T00:00:00Z)}} ${price}',
  'A'.repeat(20_000),
  '😀'.repeat(3_000),
];

/** Emoji a person may well type in a customer or location name: each must arrive exactly as typed. */
export const EMOJI = [
  '👨\u200d👩\u200d👧\u200d👦', // family: four people joined by zero-width joiners
  '🇺🇸', // flag: two regional indicators
  '🏳\ufe0f\u200d🌈', // rainbow flag: variation selector and joiner
  '👍🏽', // skin tone modifier
  '❤\ufe0f', // emoji presentation selector
  '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', // Scotland: tag sequence
  '👩🏾\u200d💻', // profession with a skin tone
];

/** One entry of the corpus, or a few mixed with words. */
export const injected = fc.oneof(
  fc.constantFrom(...CORPUS),
  fc.array(fc.constantFrom(...CORPUS, ' ', 'x'), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
);

/** Characters that hide or reorder text, and what is left of a terminal escape sequence. */
export function hiddenDangers(text: string): string[] {
  const found: string[] = [];
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text)) found.push('a control character');
  if (/[\u202a-\u202e\u2066-\u2069]/.test(text)) found.push('a bidi override or isolate');
  if (/\[(2J|31m|0m)|\]8;;/.test(text)) found.push('a terminal escape sequence');
  return found;
}

/** What would ping, link or break out in Slack mrkdwn, if present. */
export function slackDangers(text: string): string[] {
  const found = hiddenDangers(text);
  if (/<[!@#]/.test(text)) found.push('a mention or channel link');
  if (/<(https?|mailto):/i.test(text)) found.push('a hidden link');
  if (/https?:\/\//i.test(text)) found.push('a bare URL Slack would link');
  if (/@(here|channel|everyone)\b/.test(text)) found.push('an @here/@channel');
  if (/\bevil\.example\b/.test(text)) found.push('a bare domain Slack would link');
  return found;
}

/** What would mention, link, evaluate or disguise in a Teams card or notification, if present. */
export function teamsDangers(text: string): string[] {
  const found = hiddenDangers(text);
  if (/<\/?(at|a|img|script)\b/i.test(text)) found.push('a tag');
  if (/\{\{|\$\{/.test(text)) found.push('a card expression');
  if (/\b(https?|mailto):/i.test(text)) found.push('a clickable link');
  return found;
}

/**
 * Every text object of type `type` in a Block Kit payload: `mrkdwn` (where Slack reads mentions and
 * links) or `plain_text` (headers, buttons: shown as typed, where only hidden characters matter).
 */
export function blockTexts(v: unknown, type: 'mrkdwn' | 'plain_text' = 'mrkdwn', out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => blockTexts(x, type, out));
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (o['type'] === type && typeof o['text'] === 'string') out.push(o['text']);
    Object.values(o).forEach((x) => blockTexts(x, type, out));
  }
  return out;
}

/** Every text a card shows (TextBlock text, TextRun text, fact titles and values). */
export function cardTexts(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => cardTexts(x, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if ((k === 'text' || k === 'title' || k === 'value') && typeof x === 'string') out.push(x);
      else cardTexts(x, out);
    }
  }
  return out;
}

/** Card elements whose text Teams reads as markdown (where `[label](url)` becomes a link). */
export function markdownElements(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => markdownElements(x, out));
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    if (o['type'] === 'TextBlock' || o['type'] === 'FactSet') out.push(String(o['type']));
    Object.values(o).forEach((x) => markdownElements(x, out));
  }
  return out;
}
