// What every parse error must carry: the file, a line and column inside it, and a sentence.
import { formatError, type ParseError } from '../../../src/config/parse-error';

export function badLocations(errors: readonly ParseError[], file: string, text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).length;
  const bad: string[] = [];
  for (const e of errors) {
    const ok =
      e.file === file &&
      Number.isInteger(e.line) &&
      e.line >= 1 &&
      e.line <= lines + 1 &&
      Number.isInteger(e.col) &&
      e.col >= 1 &&
      e.message.trim().length > 0 &&
      formatError(e).startsWith(`${file}:${e.line}:${e.col}: `);
    if (!ok) bad.push(JSON.stringify(e));
  }
  return bad;
}
