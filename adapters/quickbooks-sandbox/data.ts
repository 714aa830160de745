// The sandbox's company lives in a folder of JSON files, one per entity, in QuickBooks' own wire
// shape, so a person can edit the demo company by hand and the next request sees the change.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LIST_ENTITIES = [
  'Customer',
  'Invoice',
  'Payment',
  'SalesReceipt',
  'CreditMemo',
  'Deposit',
  'Class',
  'Department',
  'Item',
  'Account',
] as const;
export type ListEntity = (typeof LIST_ENTITIES)[number];
/** `Deleted.json`: transactions deleted from the company, `{entity, Id, LastUpdatedTime}`, for change data capture. */
export type EntityFile = ListEntity | 'CompanyInfo' | 'Preferences' | 'Deleted';

/** Name lists are never deleted, only deactivated; QuickBooks hides inactive ones unless asked. */
export const NAME_LISTS: ReadonlySet<ListEntity> = new Set(['Customer', 'Item', 'Class', 'Department', 'Account']);

export type WireEntity = Record<string, unknown>;

/** The entity QuickBooks means by a name in a query or a URL path (`invoice`, `Invoice`, `INVOICE`). */
export function entityNamed(text: string): ListEntity | undefined {
  const lower = text.toLowerCase();
  return LIST_ENTITIES.find((name) => name.toLowerCase() === lower);
}

/** A data file that exists but cannot be served; the server answers 500 naming the file. */
export class SandboxDataError extends Error {
  override readonly name = 'SandboxDataError';
}

interface Cached {
  mtimeMs: number;
  size: number;
  value: unknown;
}

/**
 * Parsed files by path, shared by every sandbox of the process: many companies served from one data
 * folder (the scale-out bench) hold one copy of it, not one each. Values are never modified in place.
 */
const parsed = new Map<string, Cached>();

/** Reads the data folder, re-reading a file only when its mtime or size changed. */
export class SandboxData {
  private readonly cache = parsed;

  constructor(private readonly dir: string) {}

  async list(name: ListEntity): Promise<WireEntity[]> {
    const value = await this.load(name);
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw new SandboxDataError(`${name}.json must be a JSON array of ${name} objects`);
    }
    return value;
  }

  async deleted(): Promise<Array<{ entity: string; Id: string; LastUpdatedTime: string }>> {
    const value = await this.load('Deleted');
    if (value === undefined) return [];
    if (
      !Array.isArray(value) ||
      !value.every((d) => isObject(d) && typeof d.entity === 'string' && typeof d.Id === 'string' && typeof d.LastUpdatedTime === 'string')
    ) {
      throw new SandboxDataError('Deleted.json must be a JSON array of {entity, Id, LastUpdatedTime} objects');
    }
    return value as Array<{ entity: string; Id: string; LastUpdatedTime: string }>;
  }

  async single(name: 'CompanyInfo' | 'Preferences'): Promise<WireEntity | undefined> {
    const value = await this.load(name);
    if (value === undefined) return undefined;
    if (!isObject(value)) throw new SandboxDataError(`${name}.json must be a single JSON object`);
    return value;
  }

  private async load(name: EntityFile): Promise<unknown> {
    const path = join(this.dir, `${name}.json`);
    const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (!info) {
      this.cache.delete(path);
      return undefined;
    }
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.value;
    const text = await readFile(path, 'utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new SandboxDataError(`${name}.json is not valid JSON: ${(err as Error).message}`);
    }
    this.cache.set(path, { mtimeMs: info.mtimeMs, size: info.size, value });
    return value;
  }
}

/** Writes a data folder (creating it) from objects: one file per given entity. */
export async function writeSandboxData(dir: string, data: Partial<Record<EntityFile, unknown>>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, value] of Object.entries(data)) {
    await writeFile(join(dir, `${name}.json`), `${JSON.stringify(value, null, 2)}\n`);
  }
}

function isObject(value: unknown): value is WireEntity {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
