// An export's bytes → text, a chunk at a time, so a 100 MB file is never one string. UTF-8 is
// checked, not guessed: a Latin-1 export would otherwise show as replacement characters, so invalid
// bytes stop the read with the line they are on. Other encodings (`encoding: windows-1252`) go
// through iconv-lite. Line endings come out as `\n` (csv-parse miscounts lines for CRLF inside
// quoted values) and a byte-order mark is dropped (it is not part of the first header).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FileRefused } from './table';

interface Decoder {
  write(chunk: Buffer): string;
  end(): string;
}

export const NOT_UTF8 =
  'this line is not UTF-8 text — if the export is Latin-1 or Windows-1252, set `encoding: windows-1252` on the source';

/** A stream stage: bytes in, text out; throws FileRefused at the first line that is not valid UTF-8. */
export function decodeText(encoding: string): (source: AsyncIterable<Buffer>) => AsyncGenerator<string> {
  return async function* decode(source) {
    let line = 1;
    const decoder = isUtf8Name(encoding) ? strictUtf8(() => line) : iconvDecoder(encoding);
    let first = true;
    let heldCr = false;
    const normalise = (raw: string, last: boolean): string => {
      let text = heldCr ? `\r${raw}` : raw;
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      // A CR at the end of a chunk may be the first half of a CRLF split across two chunks.
      heldCr = !last && text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      text = text.replace(/\r\n?/g, '\n');
      line += countLines(text);
      return text;
    };
    for await (const chunk of source) {
      const text = normalise(decoder.write(chunk), false);
      if (text !== '') yield text;
    }
    const rest = normalise(decoder.end(), true);
    if (rest !== '') yield rest;
  };
}

export function isUtf8Name(encoding: string): boolean {
  return /^utf-?8$/i.test(encoding);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** `lineNow` is the line the text decoded so far ends on. */
function strictUtf8(lineNow: () => number): Decoder {
  let pending: Buffer | undefined;
  const refuse = (bytes: Buffer): FileRefused => {
    const loose = bytes.toString('utf8');
    const at = loose.indexOf('\uFFFD');
    return new FileRefused(NOT_UTF8, lineNow() + countLines(loose.slice(0, at < 0 ? loose.length : at).replace(/\r\n?/g, '\n')));
  };
  return {
    write(chunk) {
      const bytes = pending ? Buffer.concat([pending, chunk]) : chunk;
      // A character split across two chunks is completed by the next one, not refused.
      const cut = completeLength(bytes);
      pending = cut < bytes.length ? Buffer.from(bytes.subarray(cut)) : undefined;
      const whole = bytes.subarray(0, cut);
      if (!isUtf8(whole)) throw refuse(whole);
      return whole.toString('utf8');
    },
    end() {
      if (pending) throw refuse(pending);
      return '';
    },
  };
}

/** How many leading bytes end on a character boundary (an unfinished multi-byte character is left over). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? n - back : n;
  }
  return n;
}

function iconvDecoder(encoding: string): Decoder {
  const d = iconv.getDecoder(encoding);
  return { write: (chunk) => d.write(chunk), end: () => d.end() ?? '' };
}
