// What every config and rules parser returns when a file is wrong: one entry per problem, each with
// the place, what is wrong and how to fix it, so a person can act on it without reading our code.
import { ConfigError } from '../domain/errors';

export interface ParseError {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** What is wrong, as a plain sentence. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ParseError[] };

/** `file:line:col: what is wrong — how to fix`: the shape editors and terminals make clickable. */
export function formatError(e: ParseError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message} — ${e.hint}`;
}

/** Orders errors of one file by where they are, so they read top to bottom like the file. */
export function byPosition(a: ParseError, b: ParseError): number {
  return a.line - b.line || a.col - b.col;
}

/** Every problem of a file as one ConfigError, placed at the first of them. */
export function configErrorOf(errors: readonly ParseError[], intro?: string): ConfigError {
  const first = errors[0];
  const lines = errors.map(formatError).join('\n');
  return new ConfigError(intro ? `${intro}\n${lines}` : lines, first ? { file: first.file, line: first.line, column: first.col } : {});
}
