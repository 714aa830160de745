// Values that reach a QuickBooks query (webhook ids, cursors, names) can hold quotes and backslashes.
// Sent through the real client and node-quickbooks to the sandbox, each must arrive as exactly the
// one condition it was — the same value, nothing added — or be refused before anything is sent.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickbooksClient, type QuickbooksClient } from '../../../adapters/quickbooks/client';
import { staticTokens } from '../../../adapters/quickbooks/token-manager';
import { parseQuery } from '../../../adapters/quickbooks-sandbox/query-parse';
import { startQuickbooksSandbox, type QuickbooksSandbox } from '../../../adapters/quickbooks-sandbox/server';
import { runs } from '../fuzz/arbitraries';

const REALM = '9130350000000042';
const TOKEN = 'proof-query-token';
let sandbox: QuickbooksSandbox;
let client: QuickbooksClient;

beforeAll(async () => {
  sandbox = await startQuickbooksSandbox({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'sentinel-query-')),
    realmId: REALM,
    accessToken: TOKEN,
    limits: false,
  });
  client = createQuickbooksClient({
    realmId: REALM,
    baseUrl: sandbox.baseUrl,
    minorVersion: 75,
    timeoutMs: 5_000,
    clientId: 'c',
    clientSecret: 's',
    tokens: staticTokens(TOKEN),
    retry: { attempts: 1 },
    limits: { perSecond: 1_000, perMinute: 60_000 },
  });
});
afterAll(() => sandbox.close());

const tricky = fc
  .array(fc.constantFrom("'", '\\', "\\'", "''", ' ', 'a', 'Id', ' or ', ' and ', '=', '(', ')', ',', '%', '"', '--', ';', 'é'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((a) => a.join(''));

/** The conditions the sandbox parsed from the last query, or why it could not. */
function lastWhere(): unknown {
  const text = sandbox.requests.at(-1)?.query['query'] ?? '';
  const parsed = parseQuery(text);
  return parsed.ok ? parsed.query.where : `unparseable: ${parsed.error} in ${text}`;
}

describe('QuickBooks query values', () => {
  it('arrive as exactly the condition that was asked for, whatever quotes and backslashes they hold', async () => {
    await fc.assert(
      fc.asyncProperty(tricky, fc.array(tricky, { minLength: 1, maxLength: 3 }), async (name, ids) => {
        const before = sandbox.requests.length;
        const refused = await client
          .queryAll('Customer', [
            { field: 'DisplayName', value: name },
            { field: 'Id', value: ids, operator: 'IN' },
          ])
          .then(
            () => null,
            (err: Error) => err,
          );
        if (refused && sandbox.requests.length === before) return; // refused before sending: fine
        expect(refused).toBeNull();
        expect(lastWhere()).toEqual([
          { field: 'DisplayName', op: '=', value: name },
          { field: 'Id', op: 'IN', value: ids },
        ]);
      }),
      runs(300),
    );
  });
});
