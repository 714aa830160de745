// Reading a config or rules file from disk, with the usual ways that fails turned into the same
// errors a bad line gets, so the person sees one kind of message either way.
import { readFile } from 'node:fs/promises';
import type { ParseError } from './parse-error';

export type TextFile = { ok: true; text: string } | { ok: false; error: ParseError };

export async function readTextFile(path: string): Promise<TextFile> {
  try {
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (err) {
    return { ok: false, error: fileError(path, err) };
  }
}

/** A file that cannot be opened at all; line 1, column 1 keeps the `file:line:col:` shape. */
export function fileError(path: string, err: unknown): ParseError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const at = { file: path, line: 1, col: 1 };
  if (code === 'ENOENT') return { ...at, message: 'this file does not exist', hint: 'check the path for typos' };
  if (code === 'EISDIR') return { ...at, message: 'this is a folder, not a file', hint: 'name a .yaml file inside it' };
  if (code === 'EACCES' || code === 'EPERM') {
    return { ...at, message: 'this file cannot be read (permission denied)', hint: 'let the user running sync-sentinel read it' };
  }
  const reason = err instanceof Error ? err.message : String(err);
  return { ...at, message: `this file cannot be read (${reason})`, hint: 'check that the path names a readable file' };
}
