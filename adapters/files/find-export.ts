// Which file in the drop folder is an entity's current export. Teams keep old exports next to new
// ones (`invoices-2026-11-01.csv`, `invoices-2026-11-02.csv`), so the newest match wins.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const EXPORT_EXTENSION = /\.(csv|json)$/i;

/** A glob (`*` any run of characters, `?` one) as a case-insensitive, whole-name regex. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * The newest file (by modification time, then by name, so a later date in the name breaks a tie)
 * that matches the pattern and is a .csv or .json. A pattern without an extension (`invoices*`)
 * matches either.
 */
export function findCurrentExport(dir: string, pattern: string): string | undefined {
  const re = globToRegExp(pattern);
  const candidates: Array<{ name: string; mtimeMs: number }> = [];
  for (const name of readdirSync(dir)) {
    if (!EXPORT_EXTENSION.test(name) || !(re.test(name) || re.test(name.replace(EXPORT_EXTENSION, '')))) continue;
    try {
      const info = statSync(path.join(dir, name));
      if (info.isFile()) candidates.push({ name, mtimeMs: info.mtimeMs });
    } catch {
      // Gone between listing and stat (the exporter replaced it): the next poll sees the new one.
    }
  }
  candidates.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  return candidates[0] ? path.join(dir, candidates[0].name) : undefined;
}
