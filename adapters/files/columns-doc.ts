// The README's list of export columns, made from the same tables the reader uses (columns.ts,
// presets.ts), so the documentation cannot drift: a test compares the README section with this.
import { FIELDS, FILE_ENTITIES, REQUIRED } from './columns';
import { VENDOR_PRESETS } from './presets';

export const COLUMNS_DOC_BEGIN =
  '<!-- export-columns:begin (generated from adapters/files/columns.ts and presets.ts by columns-doc.ts) -->';
export const COLUMNS_DOC_END = '<!-- export-columns:end -->';

export function columnsDoc(): string {
  const lines = [
    'Generic column names (preset `generic`, the default: the header is the field name). **Bold** fields are',
    'required — a file without that column is refused whole; any other field may be left out.',
    '',
    '| entity | fields |',
    '|---|---|',
    ...FILE_ENTITIES.map((e) => `| ${e} | ${FIELDS[e].map((f) => (REQUIRED[e].includes(f) ? `**${f}**` : f)).join(', ')} |`),
    '',
    "Vendor presets name the headers of that vendor's own export; a field a preset does not name is read from",
    'its generic name, and `columns.<entity>.<field>` overrides either.',
    '',
    '| preset | entity | header in the export → field |',
    '|---|---|---|',
  ];
  for (const [preset, entities] of Object.entries(VENDOR_PRESETS)) {
    for (const e of FILE_ENTITIES) {
      const map = entities[e];
      if (!map) continue;
      // One header may feed several fields (`Invoice #` is the id and the number).
      const byHeader = new Map<string, string[]>();
      for (const [field, header] of Object.entries(map)) byHeader.set(header, [...(byHeader.get(header) ?? []), field]);
      lines.push(
        `| ${preset} | ${e} | ${[...byHeader].map(([h, fs]) => `\`${h.replace(/\|/g, '\\|')}\` → ${fs.join(', ')}`).join('; ')} |`,
      );
    }
  }
  return lines.join('\n');
}
