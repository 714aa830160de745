// A throwaway drop folder and a files source over it, configured the way a config file would.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFilesSource } from '../../../adapters/files/source';
import { sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import type { SourceRead } from '../../../src/ports/source';

export interface DropFolder {
  base: string;
  dir: string;
  /** Writes a file; `ageMinutes` backdates its modification time. */
  put(name: string, text: string, ageMinutes?: number): void;
  /** One read with the given source settings; `cursor` is what the store kept from the read before. */
  read(config?: Record<string, unknown>, cursor?: string): Promise<SourceRead>;
}

export function dropFolder(): DropFolder {
  const base = mkdtempSync(path.join(os.tmpdir(), 'sentinel-drop-'));
  const dir = path.join(base, 'exports');
  mkdirSync(dir);
  // Ages count from one instant, so two files given the same age share one modification time.
  const t0 = Date.now();
  return {
    base,
    dir,
    put(name, text, ageMinutes) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      if (ageMinutes !== undefined) {
        const t = new Date(t0 - ageMinutes * 60_000);
        utimesSync(file, t, t);
      }
    },
    read(config = {}, cursor) {
      const cfg = sourceSchema.parse({ id: 'fieldpro', type: 'files', path: 'exports', ...config }) as FilesSourceConfig;
      return createFilesSource(cfg, { baseDir: base, timeZone: 'America/Chicago' }).read({
        now: new Date(),
        ...(cursor ? { cursor } : {}),
      });
    },
  };
}

/** A CSV from a header and rows of cells (cells are written as given: quote them yourself). */
export function csv(header: string, ...rows: string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}

export const INVOICE_HEADER =
  'id,number,job_number,customer_id,customer_name,date,issued_at,total,tax,balance,status,class,location,business_unit,lines';
