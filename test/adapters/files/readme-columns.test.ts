// The README's export column list is the one the reader uses: change a preset and this fails until the
// README says the same (the expected section is in the failure's diff, ready to paste).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS_DOC_BEGIN, COLUMNS_DOC_END, columnsDoc } from '../../../adapters/files/columns-doc';
import { FIELDS, FILE_ENTITIES } from '../../../adapters/files/columns';
import { VENDOR_PRESETS } from '../../../adapters/files/presets';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('the README export columns', () => {
  it('lists the generic column names and every preset header exactly as the reader maps them', () => {
    const begin = readme.indexOf(COLUMNS_DOC_BEGIN);
    const end = readme.indexOf(COLUMNS_DOC_END);
    expect(begin).toBeGreaterThan(0);
    expect(readme.slice(begin + COLUMNS_DOC_BEGIN.length, end).trim()).toBe(columnsDoc());
  });

  it('names every field and every vendor header somewhere in that list', () => {
    const doc = columnsDoc();
    for (const e of FILE_ENTITIES) for (const f of FIELDS[e]) expect(doc).toContain(f);
    for (const preset of Object.values(VENDOR_PRESETS))
      for (const map of Object.values(preset)) for (const header of Object.values(map)) expect(doc).toContain(`\`${header}\``);
  });
});
