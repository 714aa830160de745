import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configErrorOf, formatError } from '../../src/config/parse-error';
import { loadConfigFile, parseConfig } from '../../src/config/parse';

function parseFixture(name: string) {
  const file = `test/fixtures/config/${name}`;
  return parseConfig(readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), 'utf8'), file);
}

function messagesFor(name: string): string[] {
  const result = parseFixture(name);
  return result.ok ? [] : result.errors.map(formatError);
}

describe('parseConfig', () => {
  it('reads a minimal config and fills in every default', () => {
    const result = parseFixture('good.yaml');
    if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
    const config = result.value;
    expect(config.company).toEqual({ id: 'default', name: 'Acme Heating & Air', time_zone: 'America/Denver', close_day: 5 });
    expect(config.sources).toEqual([
      {
        id: 'quickbooks',
        type: 'quickbooks',
        side: 'quickbooks',
        realm_id: 'env:QBO_REALM_ID',
        base_url: 'https://quickbooks.api.intuit.com/v3/company/',
        minor_version: 75,
        timeout: 45_000,
        authorize_url: 'https://appcenter.intuit.com/connect/oauth2',
        connect_port: 8787,
        full_recheck: 7 * 86_400_000,
        overlap: 5 * 60_000,
        retry: { attempts: 5, backoff: 1_000, max_wait: 120_000 },
      },
      {
        id: 'servicetitan',
        type: 'files',
        side: 'upstream',
        preset: 'servicetitan',
        path: 'exports/',
        files: {},
        columns: {},
        settle: 2_000,
        encoding: 'utf-8',
      },
    ]);
    expect(config.rules).toEqual(['rules/default.yaml']);
    expect(config.channels).toEqual([{ type: 'console', name: 'console' }]);
    expect(config.classifier.amount_over).toBe(100_000);
    expect(config.incidents.diagnosis_window).toBe(7 * 86_400_000);
  });

  it('lists the source types when one is not known', () => {
    expect(messagesFor('unknown-source-type.yaml')).toEqual([
      'test/fixtures/config/unknown-source-type.yaml:5:11: type "ftp" in source "shop" is not a source type — use one of files, quickbooks, servicetitan, jobber, housecallpro, http',
    ]);
  });

  it('refuses a channel of a type it cannot build, naming file, line and column and the types there are', () => {
    const result = parseConfig(
      'sources:\n  - { id: shop, type: files, side: upstream, path: exports/ }\nchannels:\n  - type: discord\n    name: ops\n',
      'sync-sentinel.yaml',
    );

    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'sync-sentinel.yaml:4:11: type "discord" in channel "ops" is not a channel type — use one of console, slack, teams',
    ]);
  });

  it('turns a file’s problems into one ConfigError placed at the first of them', () => {
    const result = parseConfig(
      'sources:\n  - { id: shop, type: files, side: upstream, path: exports/ }\nchannels:\n  - type: discord\n    name: ops\n',
      'sync-sentinel.yaml',
    );
    if (result.ok) throw new Error('the config was accepted');

    const err = configErrorOf(result.errors);

    expect(err).toMatchObject({ name: 'ConfigError', reason: 'config', file: 'sync-sentinel.yaml', line: 4, column: 11 });
    expect(err.message).toBe(result.errors.map(formatError).join('\n'));
  });

  it('suggests the top-level key a typo meant', () => {
    expect(messagesFor('unknown-top-level-key.yaml')).toEqual([
      'test/fixtures/config/unknown-top-level-key.yaml:4:1: unknown key "schedul" at the top level — did you mean "schedule"?',
    ]);
  });

  it('asks for sources when there are none', () => {
    expect(messagesFor('missing-sources.yaml')).toEqual([
      'test/fixtures/config/missing-sources.yaml:1:1: the file is missing "sources" — add sources: and list each source below it with an id: and a type:',
    ]);
  });

  it('reports out-of-range numbers and bad durations, top to bottom', () => {
    expect(messagesFor('bad-values.yaml')).toEqual([
      'test/fixtures/config/bad-values.yaml:2:14: company.close_day 31 is above 28 — use 28 or less',
      'test/fixtures/config/bad-values.yaml:6:14: timeout in source "quickbooks" has the wrong type: expected a duration, found the number 30 — write timeout: 30s',
      'test/fixtures/config/bad-values.yaml:8:21: "a week" is not a duration (incidents.diagnosis_window) — write a number and a unit, e.g. 30m, 24h, 3d or 2w',
    ]);
  });
});

describe('company.history_from', () => {
  const file = 'test/fixtures/config/bad-history-from.yaml';
  const withHistoryFrom = (value: string) =>
    parseConfig(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').replace('2025-02-30', value), file);

  it('reads the first day of checked history as a calendar date', () => {
    const result = withHistoryFrom('2025-09-01');

    expect(result.ok && result.value.company.history_from).toBe('2025-09-01');
  });

  it('is absent unless set, so the start is inferred from the data', () => {
    const result = parseFixture('good.yaml');

    expect(result.ok && result.value.company.history_from).toBeUndefined();
  });

  it('refuses a day that is not on the calendar, with file, line and column', () => {
    expect(messagesFor('bad-history-from.yaml')).toEqual([
      'test/fixtures/config/bad-history-from.yaml:3:17: "2025-02-30" is not a date (company.history_from) — write it as YYYY-MM-DD',
    ]);
  });
});

describe('loadConfigFile', () => {
  it('names a config file that does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sentinel-config-'));
    try {
      const path = join(dir, 'sync-sentinel.yaml');
      const result = await loadConfigFile(path);
      expect(result.ok ? [] : result.errors.map(formatError)).toEqual([`${path}:1:1: this file does not exist — check the path for typos`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('parses a file it can read', async () => {
    const result = await loadConfigFile(new URL('../fixtures/config/good.yaml', import.meta.url).pathname);
    expect(result.ok).toBe(true);
  });
});
