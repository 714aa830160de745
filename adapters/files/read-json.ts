// JSON → table. An export is an array of flat objects, or an object holding one such array
// (`{"invoices": [...]}`); each row is located at the line its object starts on. JSON is parsed
// whole (a streaming parser knows no line numbers to name a bad row by), so a JSON export over
// MAX_JSON_BYTES is refused before it is read: large exports are read as CSV, which is streamed.
import { FileRefused, lineAt, stripBom, type Table } from './table';

/** 64 MiB: about 200,000 invoice records, well under what parsing it whole costs in memory. */
export const MAX_JSON_BYTES = 64 * 2 ** 20;

export function jsonTooLarge(size: number): FileRefused {
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  return new FileRefused(
    `a JSON export is read whole and may be at most ${mb(MAX_JSON_BYTES)}; this one is ${mb(size)} — export it as CSV (read as a stream, any size), or split it`,
  );
}

export function readJson(raw: string): Table {
  const text = stripBom(raw);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineAt(text, Number(position)) : lineAt(text, text.length);
    throw new FileRefused(
      `not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')}; the file may still be being written)`,
      line,
    );
  }
  const wrapped = isObject(data) ? Object.values(data).filter(Array.isArray) : [];
  const items: unknown[] | undefined = Array.isArray(data) ? data : wrapped.length === 1 ? wrapped[0] : undefined;
  if (!items) throw new FileRefused('expected an array of records (or an object holding one array of records)', 1);
  const lines = elementLines(text);
  const headers = new Set<string>();
  const rows = [];
  for (const [i, item] of items.entries()) {
    if (!isObject(item)) throw new FileRefused(`record ${i + 1} is not an object`, lines[i] ?? 1);
    for (const key of Object.keys(item)) headers.add(key);
    rows.push({ line: lines[i] ?? i + 1, cells: { ...item } });
  }
  return { headers: [...headers], rows };
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
