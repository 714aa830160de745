// The one way we read a YAML file against a schema: pure text in, typed value or every error out,
// each error at its line and column with a sentence that says how to fix it.
import type { z } from 'zod';
import { describeIssue, UNWORDED } from './describe-issue';
import type { Locate } from './locate';
import { byPosition, type ParseError, type ParseResult } from './parse-error';
import { readYaml } from './read-yaml';
import type { Vocabulary } from './vocabulary';

export function parseYaml<S extends z.ZodType>(text: string, file: string, schema: S, vocabulary: Vocabulary): ParseResult<z.output<S>> {
  const read = readYaml(text, file);
  if (!read.ok) return read;
  return validate(read.data, read.locate, file, schema, vocabulary);
}

/** Checks data already read from `file` (see readYaml), for callers that also need the raw data. */
export function validate<S extends z.ZodType>(
  data: unknown,
  locate: Locate,
  file: string,
  schema: S,
  vocabulary: Vocabulary,
): ParseResult<z.output<S>> {
  // Issues the schema words itself keep their words; the rest are marked so we word them from scratch.
  const result = schema.safeParse(data, { error: () => UNWORDED });
  if (result.success) return { ok: true, value: result.data };
  const errors: ParseError[] = result.error.issues
    .flatMap((issue) => describeIssue(issue, { schema, data, vocabulary }))
    .map((d) => ({ file, ...locate(d.path, d.target), message: d.message, hint: d.hint }));
  return { ok: false, errors: errors.sort(byPosition) };
}
