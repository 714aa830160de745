// malformed: a record a source could not read (bad amount, bad date, missing column) becomes a
// finding naming the file and row — never a crash, never a silent skip.
import type { Finding } from '../domain/finding';
import type { RuleOf } from '../rules/schema';
import { findingFor, type EvalContext } from './context';

export function evaluateMalformed(rule: RuleOf<'malformed'>, ctx: EvalContext): Finding[] {
  return ctx.problems
    .filter((p) => rule.source === undefined || p.source === rule.source)
    .map((p) => {
      const where = p.origin?.file
        ? `${p.origin.file}${p.origin.row !== undefined ? ` row ${p.origin.row}` : ''}`
        : (p.origin?.url ?? p.source);
      const id = p.sourceId ?? where;
      return findingFor(
        rule,
        { side: p.side, source: p.source, entity: p.entity ?? 'record', sourceId: id, label: `${p.entity ?? 'record'} ${id}` },
        {
          summary: p.message.startsWith(where) ? p.message : `${where}: ${p.message}`,
          evidence: [{ field: p.field ?? 'record', [p.side]: where }],
          amountCents: 0,
          likelySide: p.side,
        },
        p.field ? `|${p.field}` : '',
      );
    });
}
