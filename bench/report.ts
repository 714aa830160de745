// One benchmark report: every area's bench (engine, digest, QuickBooks, Teams, upstream, Slack)
// writes its own markdown table; this folds them into one table — area, figure, value, reference,
// ratio to the reference, target, ✓/✗ — printed to the terminal and written to bench/out/report.md.
// An area's table keeps its own shape; its columns are read by name:
//   first column → the figure (or its size, when it is a number); `N` and `read` → appended to the
//   figure; `target`, `ratio…`, `✓/✗` → those columns; `note` → the target column when it has none;
//   `DuckDB` / `reference` → the reference; every other column → a value (one row each).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Table {
  header: string[];
  rows: string[][];
}

export interface ReportRow {
  area: string;
  figure: string;
  value: string;
  reference: string;
  ratio: string;
  target: string;
  ok: string;
}

/** Every markdown table in a text (several may follow each other), as cells. */
export function parseTables(markdown: string): Table[] {
  const tables: Table[] = [];
  let current: string[][] = [];
  const flush = () => {
    // A table is a header, a --- separator, then rows.
    if (current.length >= 2 && current[1]!.every((c) => /^:?-{3,}:?$/.test(c)))
      tables.push({ header: current[0]!, rows: current.slice(2) });
    current = [];
  };
  for (const line of markdown.split('\n')) {
    const t = line.trim();
    if (t.startsWith('|') && t.endsWith('|')) current.push(splitRow(t));
    else flush();
  }
  flush();
  return tables;
}

function splitRow(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

type Role = 'figure' | 'n' | 'label' | 'note' | 'target' | 'ratio' | 'ok' | 'reference' | 'value';

function roleOf(name: string, index: number): Role {
  if (index === 0) return 'figure';
  if (/^n$/i.test(name)) return 'n';
  // A column that names the case (`read`: backfill or incremental) belongs to the figure.
  if (/^(read|case|mode)$/i.test(name)) return 'label';
  if (/^notes?$/i.test(name)) return 'note';
  if (/target/i.test(name)) return 'target';
  if (/ratio/i.test(name)) return 'ratio';
  if (/^(✓\/✗|ok|)$/i.test(name)) return 'ok';
  if (/duckdb|reference/i.test(name)) return 'reference';
  return 'value';
}

/** One area's tables as report rows. */
export function rowsOf(area: string, markdown: string): ReportRow[] {
  const out: ReportRow[] = [];
  for (const { header, rows } of parseTables(markdown)) {
    const roles = header.map(roleOf);
    const values = header.map((h, i) => ({ h, i })).filter(({ i }) => roles[i] === 'value');
    const pick = (row: string[], role: Role) => {
      const i = roles.indexOf(role);
      return i >= 0 && row[i] ? row[i]! : '—';
    };
    for (const row of rows) {
      const n = pick(row, 'n');
      const label = pick(row, 'label');
      const note = pick(row, 'note');
      // A first column that is a size (digest: `records`) is the N of a row, not its name.
      const first = row[0] ?? '';
      const sized = /^[\d,.]+$/.test(first);
      const base = `${sized ? '' : first}${label !== '—' ? `, ${label}` : ''}${n !== '—' ? ` (N=${n})` : ''}${sized ? ` (${header[0]}: ${first})` : ''}`;
      const target = pick(row, 'target') !== '—' ? pick(row, 'target') : note !== '—' ? `note: ${note}` : '—';
      for (const { h, i } of values) {
        const value = row[i] ?? '';
        if (value === '' || value === '—') continue;
        // A table with one value column (value, ours) names the figure by its first column only.
        const figure = values.length === 1 && /^(value|ours)$/i.test(h) ? base : sized ? `${h}${base}` : `${base} — ${h}`;
        out.push({ area, figure, value, reference: pick(row, 'reference'), ratio: pick(row, 'ratio'), target, ok: pick(row, 'ok') });
      }
    }
  }
  return out;
}

export function reportMarkdown(rows: readonly ReportRow[]): string {
  const head = ['area', 'figure', 'value', 'reference', 'ratio to reference', 'target', '✓/✗'];
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const line = (r: readonly string[]) => `| ${r.map(esc).join(' | ')} |`;
  return [
    line(head),
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => line([r.area, r.figure, r.value, r.reference, r.ratio, r.target, r.ok])),
  ].join('\n');
}

/** Collects each area's table as it finishes; `finish` prints the one table and writes the file. */
export class BenchReport {
  private readonly rows: ReportRow[] = [];

  add(area: string, markdown: string): void {
    const rows = rowsOf(area, markdown);
    // A bench that failed prints a sentence, not a table: keep it as a row that says so.
    this.rows.push(
      ...(rows.length > 0
        ? rows
        : [{ area, figure: markdown.trim().split('\n')[0] ?? 'no result', value: '—', reference: '—', ratio: '—', target: '—', ok: '✗' }]),
    );
  }

  finish(outDir: string, header: string): string {
    const table = reportMarkdown(this.rows);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'report.md'), `${header}${table}\n`);
    process.stdout.write(`${table}\n`);
    return table;
  }
}
