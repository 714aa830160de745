// `sync-sentinel init`: a working set-up in a folder — the config with comments, a copy of the
// rules, a sample export in the chosen vendor's format and a sample QuickBooks company — so that
// `run --once` works at once and each file shows what to replace with the company's own.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config-file';
import { DEFAULT_RULES } from '../paths';
import type { InitAnswers } from './answers';
import { configText } from './config-text';
import { QUICKBOOKS_SAMPLE_FOLDER, SAMPLE_FOLDER, sampleExport, sampleQuickbooks } from './samples';

export type InitResult = { ok: true; written: string[]; kept: string[]; nextSteps: string[] } | { ok: false; message: string };

export function initFolder(dir: string, a: InitAnswers, opts: { force?: boolean; now: Date }): InitResult {
  const config = path.join(dir, CONFIG_FILE);
  if (existsSync(config) && !opts.force) {
    return {
      ok: false,
      message: `${config} already exists; init leaves it alone. Edit it, or run \`sync-sentinel init --force\` to replace it (and the sample files) with fresh ones.`,
    };
  }
  const written: string[] = [];
  const kept: string[] = [];
  // The sample files are ours to replace with --force; a file of the same name the person put there
  // without --force is theirs.
  const put = (rel: string, write: (file: string) => void) => {
    const file = path.join(dir, rel);
    if (existsSync(file) && !opts.force) {
      kept.push(rel);
      return;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    write(file);
    written.push(rel);
  };
  put(CONFIG_FILE, (f) => writeFileSync(f, configText(a)));
  put(path.join('rules', 'default.yaml'), (f) => copyFileSync(DEFAULT_RULES, f));
  const sample = sampleExport(a.upstream, a.timeZone, opts.now);
  put(path.join(SAMPLE_FOLDER, sample.file), (f) => writeFileSync(f, sample.text));
  for (const [name, value] of Object.entries(sampleQuickbooks(a, opts.now))) {
    put(path.join(QUICKBOOKS_SAMPLE_FOLDER, name), (f) => writeFileSync(f, `${JSON.stringify(value, null, 2)}\n`));
  }
  const cd = path.resolve(dir) === path.resolve(process.cwd()) ? '' : `cd ${dir} && `;
  return {
    ok: true,
    written,
    kept,
    nextSteps: [
      `${cd}npx sync-sentinel run --once — one poll of the samples: an invoice missing from QuickBooks and a total that differs, alerted on the console.`,
      `Drop your own export into ${SAMPLE_FOLDER}/ (and delete the sample ${sample.file}), then \`npx sync-sentinel sources test\` and \`run --once\` again.`,
      'Connect QuickBooks: delete the sandbox_data line in sync-sentinel.yaml, set QBO_CLIENT_ID, QBO_CLIENT_SECRET and SYNC_SENTINEL_SECRET_KEY, run `npx sync-sentinel connect quickbooks`.',
    ],
  };
}
