// Patterns from the config run over text anyone can write (a QuickBooks PrivateNote), so they run on
// RE2 — linear time in the input, whatever the pattern — never on the backtracking RegExp engine,
// where `(a+)+$` against a crafted note blocks the event loop for minutes. RE2 refuses what it
// cannot run in linear time (backreferences, lookaround): such a pattern is a config error.
import re2 from 're2-wasm';
import { ConfigError } from './errors';
import { literalIdPattern } from './literal-id-pattern';

export interface LinearRegex {
  exec(text: string): { 0: string; [index: number]: string | undefined; groups?: Record<string, string | undefined> } | null;
}

export type Compiled = { ok: true; re: LinearRegex } | { ok: false; message: string };

/** Compiles `pattern` for RE2, or says in plain words why it cannot run there. */
export function compileLinear(pattern: string): Compiled {
  try {
    // `u`: RE2 works on code points; re2-wasm requires the flag.
    return { ok: true, re: new re2.RE2(pattern, 'u') as LinearRegex };
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).replace(/^Invalid regular expression: \/.*\/u: /s, '');
    const hint = /perl operator|escape sequence/.test(why) ? '; backreferences and lookaround are not supported' : '';
    return { ok: false, message: `not a pattern sync-sentinel can run (${why})${hint}` };
  }
}

/** The compiled pattern; throws when compileLinear would refuse it (the config check runs first). */
export function linearRegex(pattern: string): LinearRegex {
  const compiled = compileLinear(pattern);
  if (!compiled.ok) throw new ConfigError(`pattern "${pattern}": ${compiled.message}`, {}, { code: 'config.pattern' });
  return literalIdPattern(pattern, compiled.re) ?? compiled.re;
}

/** Whether the pattern has the named group `(?<name>…)` (or RE2's `(?P<name>…)`). */
export function hasNamedGroup(pattern: string, name: string): boolean {
  return new RegExp(`\\(\\?P?<${name}>`).test(pattern);
}
