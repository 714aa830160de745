import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../../adapters/teams/package/build-package';
import { teamsChannelSchema } from '../../../src/config/schema-teams';
import { MANIFEST_SCHEMA_V1_16 } from './manifest-schema';

const APP_ID = '0b0b0b0b-1111-4222-8333-444444444444';
const BIN = path.resolve(__dirname, '../../../bin/sync-sentinel.js');
/** The company's own pages: `teams package` refuses to make them up. */
const PAGES = {
  website_url: 'https://summit.example/sync',
  privacy_url: 'https://summit.example/privacy',
  terms_url: 'https://summit.example/terms',
};
const app = (extra: Record<string, unknown> = {}) => ({
  ...PAGES,
  ...teamsChannelSchema.parse({ type: 'teams', name: 'ops', channel_id: '19:ops@thread.tacv2', app: { ...PAGES, ...extra } }).app,
});

function validate(manifest: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const check = ajv.compile(MANIFEST_SCHEMA_V1_16);
  return check(manifest) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('the Teams app package', () => {
  it('holds manifest.json and both icons at the root of the zip, nothing else', () => {
    const { zip } = buildTeamsPackage({ app: app(), appId: APP_ID, baseDir: '.' });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const color = PNG.sync.read(Buffer.from(files['color.png']!));
    const outline = PNG.sync.read(Buffer.from(files['outline.png']!));
    expect([color.width, color.height]).toEqual([192, 192]);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // The outline icon is white on transparent, as Teams requires.
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      expect(a === 0 || (r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
    }
    expect(outline.data.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
  });

  it('writes a manifest valid against the v1.16 schema, with the bot in every scope and its commands', () => {
    const { zip } = buildTeamsPackage({ app: app({ short_name: 'Ops Sentinel', version: '1.2.0' }), appId: APP_ID, baseDir: '.' });
    type Bot = { botId: string; scopes: string[]; commandLists: Array<{ commands: Array<{ title: string }> }> };
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(zip)['manifest.json']!)) as Record<string, unknown> & { bots: Bot[] };
    expect(validate(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: '1.16',
      version: '1.2.0',
      id: APP_ID,
      name: { short: 'Ops Sentinel' },
      icons: { color: 'color.png', outline: 'outline.png' },
    });
    expect(manifest.bots[0]!.botId).toBe(APP_ID);
    expect(manifest.bots[0]!.scopes).toEqual(['team', 'personal', 'groupChat']);
    const titles = manifest.bots[0]!.commandLists.flatMap((l) => l.commands.map((c) => c.title));
    expect(titles).toContain('sync-status');
    expect(titles).toContain('sync-status help');
    // The team grants reading its channel messages (only its own), for the lost-answer lookup.
    expect(manifest['webApplicationInfo']).toMatchObject({ id: APP_ID });
    expect(manifest['authorization']).toEqual({
      permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] },
    });
  });

  it('is the same bytes every time for the same config', () => {
    const a = buildTeamsPackage({ app: app(), appId: APP_ID, baseDir: '.' }).zip;
    const b = buildTeamsPackage({ app: app(), appId: APP_ID, baseDir: '.' }).zip;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('uses the company’s own icons, and says which size is wrong', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-icons-'));
    const png = (size: number) => PNG.sync.write(Object.assign(new PNG({ width: size, height: size }), {}));
    writeFileSync(path.join(dir, 'brand.png'), png(192));
    writeFileSync(path.join(dir, 'brand-outline.png'), png(48));
    const own = buildTeamsPackage({ app: app({ color_icon: 'brand.png' }), appId: APP_ID, baseDir: dir });
    expect(Buffer.from(unzipSync(own.zip)['color.png']!).equals(readFileSync(path.join(dir, 'brand.png')))).toBe(true);
    expect(() => buildTeamsPackage({ app: app({ outline_icon: 'brand-outline.png' }), appId: APP_ID, baseDir: dir })).toThrow(
      /outline_icon .*brand-outline\.png is 48×48; Teams needs 32×32/,
    );
  });

  it('refuses to package without the bot’s app id, and says where to find it', () => {
    expect(() => buildTeamsPackage({ app: app(), appId: undefined, baseDir: '.' })).toThrow(
      /Set MICROSOFT_APP_ID to the Azure Bot’s Microsoft App ID/,
    );
    expect(() => buildTeamsPackage({ app: app(), appId: 'my-bot', baseDir: '.' })).toThrow(/"my-bot" is not a GUID/);
  });

  it('is written by `sync-sentinel teams package` from the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-pkg-'));
    const config = path.join(dir, 'sync-sentinel.yaml');
    const pages = Object.entries(PAGES)
      .map(([k, v]) => `, ${k}: ${v}`)
      .join('');
    writeFileSync(
      config,
      [
        'sources:',
        '  - { id: fieldpro, type: files, path: upstream }',
        'channels:',
        '  - type: teams',
        '    name: ops',
        "    channel_id: '19:ops@thread.tacv2'",
        `    app: { short_name: Summit Sync, developer: Summit Comfort${pages} }`,
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'app.zip');
    const r = spawnSync(process.execPath, [BIN, 'teams', 'package', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, SYNC_SENTINEL_CONFIG: config, MICROSOFT_APP_ID: APP_ID, LOG_LEVEL: 'warn' },
      timeout: 90_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*app\.zip .*"Summit Sync", bot 0b0b0b0b-/);
    const manifest = JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json']!)) as {
      developer: Record<string, string>;
    };
    expect(manifest.developer).toEqual({
      name: 'Summit Comfort',
      websiteUrl: PAGES.website_url,
      privacyUrl: PAGES.privacy_url,
      termsOfUseUrl: PAGES.terms_url,
    });

    const missing = spawnSync(process.execPath, [BIN, 'teams', 'package', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, SYNC_SENTINEL_CONFIG: config, MICROSOFT_APP_ID: '', MicrosoftAppId: '', LOG_LEVEL: 'warn' },
      timeout: 90_000,
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Set MICROSOFT_APP_ID/);
  });

  it('refuses to package without the company’s website, privacy and terms pages, naming each setting at the Teams channel', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-pkg-'));
    const config = path.join(dir, 'sync-sentinel.yaml');
    const lines = [
      'sources:',
      '  - { id: fieldpro, type: files, path: upstream }',
      'channels:',
      '  - { type: console, name: console }',
      '  - type: teams',
      '    name: ops',
      "    channel_id: '19:ops@thread.tacv2'",
    ];
    writeFileSync(config, [...lines, `    app: { short_name: Summit Sync, website_url: ${PAGES.website_url} }`, ''].join('\n'));
    const out = path.join(dir, 'app.zip');
    const r = spawnSync(process.execPath, [BIN, 'teams', 'package', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, SYNC_SENTINEL_CONFIG: config, MICROSOFT_APP_ID: APP_ID, LOG_LEVEL: 'warn' },
      timeout: 90_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${config}:8:10: the Teams app package needs app.privacy_url, app.terms_url (channels[1])`);
    expect(r.stderr).not.toMatch(/website_url/);
    expect(r.stderr).not.toMatch(/example\.com/);
    expect(existsSync(out)).toBe(false);
  });
});
