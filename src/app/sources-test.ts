// `sync-sentinel sources test`: reads every configured source once, in full, without storing
// anything, and prints what each could read — or why it could not, with the fix.
import { asSentinelError } from '../domain/errors';
import type { SourcePort } from '../ports/source';

export interface SourceCheck {
  id: string;
  ok: boolean;
  lines: string[];
  /** Columns of the source's files that no mapping uses, per file (files sources only). */
  unusedColumns?: Array<{ file: string; columns: string[] }>;
}

export async function testSources(sources: readonly SourcePort[], now: Date): Promise<SourceCheck[]> {
  const out: SourceCheck[] = [];
  for (const s of sources) {
    const started = Date.now();
    try {
      const read = await s.read({ now });
      const counts = new Map<string, number>();
      for (const r of read.records) counts.set(r.entity, (counts.get(r.entity) ?? 0) + 1);
      const what = [...counts].map(([e, n]) => `${n.toLocaleString('en-US')} ${e}${n === 1 ? '' : e.endsWith('s') ? 'es' : 's'}`).join(', ') || 'no records';
      const lines = [`${s.displayName} (${s.id}): ok in ${((Date.now() - started) / 1000).toFixed(1)} s — ${what}${read.summary ? ` [${read.summary}]` : ''}`];
      for (const u of read.unreadable ?? []) lines.push(`  could not read ${u.entity}s: ${u.reason}`);
      for (const w of read.warnings ?? []) lines.push(`  warning: ${w}`);
      for (const u of read.unusedColumns ?? []) lines.push(`  ${u.file}: not used by the mapping: ${u.columns.map((c) => `"${c}"`).join(', ')}`);
      if (read.problems.length > 0) {
        lines.push(`  ${read.problems.length} record${read.problems.length === 1 ? '' : 's'} could not be read, e.g.:`);
        for (const p of read.problems.slice(0, 3)) lines.push(`    ${p.message}`);
      }
      out.push({ id: s.id, ok: true, lines, ...(read.unusedColumns ? { unusedColumns: read.unusedColumns } : {}) });
    } catch (err) {
      const e = asSentinelError(err, `source.${s.id}`);
      out.push({ id: s.id, ok: false, lines: [`${s.displayName} (${s.id}): FAILED (${e.reason}) — ${e.message}`] });
    }
  }
  return out;
}
