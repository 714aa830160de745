import type { MatchKey } from '../config/schema';
import { linearRegex, type LinearRegex } from '../domain/linear-regex';
import type { InvoiceRecord, PaymentRecord } from '../domain/records';

type Linkable = InvoiceRecord | PaymentRecord;

/** Compiled match keys: each returns the upstream id (or number) a QuickBooks record points at. */
export interface CompiledKey {
  by: MatchKey['by'];
  /** What the extracted value is compared with on the upstream side. */
  target: 'sourceId' | 'number';
  extract(record: Linkable): string | undefined;
}

/**
 * Compiled patterns by their text. RE2 objects live in WebAssembly memory the garbage collector does
 * not free: compiling the same config patterns on every poll ran that heap out after a few thousand polls.
 */
const compiled = new Map<string, LinearRegex>();

function patternOf(text: string): LinearRegex {
  let re = compiled.get(text);
  if (re === undefined) compiled.set(text, (re = linearRegex(text)));
  return re;
}

export function compileMatchKeys(keys: readonly MatchKey[]): CompiledKey[] {
  return keys.map((key): CompiledKey => {
    switch (key.by) {
      case 'private_note': {
        const re = patternOf(key.pattern);
        return { by: key.by, target: 'sourceId', extract: (r) => captureId(re, r.privateNote) };
      }
      case 'custom_field': {
        const re = key.pattern ? patternOf(key.pattern) : undefined;
        return {
          by: key.by,
          target: 'sourceId',
          extract: (r) => {
            const value = r.entity === 'invoice' ? r.customFields?.[key.name] : undefined;
            return re ? captureId(re, value) : value?.trim() || undefined;
          },
        };
      }
      case 'doc_number':
        return { by: key.by, target: 'number', extract: (r) => (r.entity === 'invoice' ? r.number : undefined) };
      case 'reference':
        return { by: key.by, target: 'number', extract: (r) => (r.entity === 'payment' ? r.reference : undefined) };
    }
  });
}

function captureId(re: LinearRegex, text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = re.exec(text);
  if (!m) return undefined;
  return (m.groups?.['id'] ?? m[1] ?? m[0]).trim() || undefined;
}
