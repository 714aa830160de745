// JSON → table. An export is an array of flat objects, or an object holding one such array
// (`{"invoices": [...]}`); each row is located at the line its object starts on.
import { lineAt, stripBom, type Table } from './table';

export function readJson(raw: string): Table {
  const text = stripBom(raw);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineAt(text, Number(position)) : lineAt(text, text.length);
    return { ok: false, line, reason: `not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')}; the file may still be being written)` };
  }
  const wrapped = isObject(data) ? Object.values(data).filter(Array.isArray) : [];
  const items: unknown[] | undefined = Array.isArray(data) ? data : wrapped.length === 1 ? wrapped[0] : undefined;
  if (!items) return { ok: false, line: 1, reason: 'expected an array of records (or an object holding one array of records)' };
  const lines = elementLines(text);
  const headers = new Set<string>();
  const rows = [];
  for (const [i, item] of items.entries()) {
    if (!isObject(item)) return { ok: false, line: lines[i] ?? 1, reason: `record ${i + 1} is not an object` };
    for (const key of Object.keys(item)) headers.add(key);
    rows.push({ line: lines[i] ?? i + 1, cells: { ...item } });
  }
  return { ok: true, headers: [...headers], rows };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The line each element of the records array starts on. The records array is the first array
 * opened at the top level or one level inside the top-level object; the text is valid JSON here.
 */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  const stack: string[] = [];
  let recordsDepth = -1;
  let done = false;
  let line = 1;
  let inString = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (expectValue && stack.length === recordsDepth && ch !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      stack.push(ch);
      if (ch === '[' && !done && recordsDepth < 0 && stack.length <= 2) {
        recordsDepth = stack.length;
        expectValue = true;
      }
    } else if (ch === ']' || ch === '}') {
      if (stack.length === recordsDepth) {
        recordsDepth = -1;
        done = true;
      }
      stack.pop();
    } else if (ch === ',' && stack.length === recordsDepth) expectValue = true;
  }
  return lines;
}
