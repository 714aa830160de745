// `sync-sentinel sources test`: reads every configured source once, in full, without storing
// anything, and prints one verdict line for each — what it could read, or why not, with the fix.
// Each source is tried on its own: one without credentials does not hide what the others say.
import { asSentinelError } from '../domain/errors';
import type { SourcePort } from '../ports/source';
import type { SourceSetupFailure } from './wire-sources';

export interface SourceCheck {
  id: string;
  ok: boolean;
  lines: string[];
  /** Columns of the source's files that no mapping uses, per file (files sources only). */
  unusedColumns?: Array<{ file: string; columns: string[] }>;
}

/** `order`: the source ids as the config lists them, so the report reads like the file. */
export async function testSources(
  sources: readonly SourcePort[],
  now: Date,
  failed: readonly SourceSetupFailure[] = [],
  order: readonly string[] = [],
): Promise<SourceCheck[]> {
  const out: SourceCheck[] = failed.map((f) => {
    const e = asSentinelError(f.error, `source.${f.id}`);
    return { id: f.id, ok: false, lines: [`${f.displayName} (${f.id}): FAILED (${e.reason}) — ${e.message}`] };
  });
  for (const s of sources) out.push(await testOne(s, now));
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return out.sort((a, b) => rank(a.id) - rank(b.id));
}

async function testOne(s: SourcePort, now: Date): Promise<SourceCheck> {
  const started = Date.now();
  try {
    const read = await s.read({ now });
    const counts = new Map<string, number>();
    for (const r of read.records) counts.set(r.entity, (counts.get(r.entity) ?? 0) + 1);
    const what =
      [...counts].map(([e, n]) => `${n.toLocaleString('en-US')} ${e}${n === 1 ? '' : e.endsWith('s') ? 'es' : 's'}`).join(', ') ||
      'no records';
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    // A file refused whole (a required column missing) is a failed test, not an empty one: nothing
    // from it would be checked, and "ok" would hide that.
    const refused = read.unreadable ?? [];
    const head = refused.length
      ? `${s.displayName} (${s.id}): FAILED in ${took} — could not read ${refused.map((u) => `${u.entity}s (${u.reason})`).join('; ')}; read ${what}`
      : `${s.displayName} (${s.id}): ok in ${took} — ${what}${read.summary ? ` [${read.summary}]` : ''}`;
    const lines = [head];
    for (const w of read.warnings ?? []) lines.push(`  warning: ${w}`);
    for (const u of read.unusedColumns ?? [])
      lines.push(`  ${u.file}: not used by the mapping: ${u.columns.map((c) => `"${c}"`).join(', ')}`);
    if (read.problems.length > 0) {
      lines.push(`  ${read.problems.length} record${read.problems.length === 1 ? '' : 's'} could not be read, e.g.:`);
      for (const p of read.problems.slice(0, 3)) lines.push(`    ${p.message}`);
    }
    return { id: s.id, ok: refused.length === 0, lines, ...(read.unusedColumns ? { unusedColumns: read.unusedColumns } : {}) };
  } catch (err) {
    const e = asSentinelError(err, `source.${s.id}`);
    return { id: s.id, ok: false, lines: [`${s.displayName} (${s.id}): FAILED (${e.reason}) — ${e.message}`] };
  }
}
