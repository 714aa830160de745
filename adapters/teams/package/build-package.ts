// `sync-sentinel teams package`: manifest.json and both icons at the root of a zip, as Teams wants.
import path from 'node:path';
import { zipSync } from 'fflate';
import type { PackagedTeamsApp } from '../../../src/config/schema-teams';
import { SentinelError } from '../../../src/domain/errors';
import { COLOR_SIZE, drawColorIcon, drawOutlineIcon, OUTLINE_SIZE, readIcon } from './icons';
import { buildManifest, ICON_FILES } from './manifest';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface PackageInput {
  app: PackagedTeamsApp;
  appId: string | undefined;
  /** Icon paths in the config resolve against this folder. */
  baseDir: string;
  /** Fixed file times make the zip byte-for-byte repeatable. */
  mtime?: Date;
}

export function buildTeamsPackage(input: PackageInput): { zip: Uint8Array; manifest: Record<string, unknown> } {
  const appId = input.appId?.trim();
  if (!appId)
    throw new SentinelError(
      'teams.package',
      'config',
      'Set MICROSOFT_APP_ID to the Azure Bot’s Microsoft App ID (Azure portal → the bot → Configuration); the package names the bot by it.',
      { retryable: false },
    );
  if (!GUID.test(appId))
    throw new SentinelError(
      'teams.package',
      'config',
      `MICROSOFT_APP_ID "${appId}" is not a GUID; copy the Microsoft App ID from the Azure Bot’s Configuration page.`,
      { retryable: false },
    );
  const manifest = buildManifest({ app: input.app, appId });
  const color = input.app.color_icon
    ? readIcon(path.resolve(input.baseDir, input.app.color_icon), COLOR_SIZE, 'color_icon')
    : drawColorIcon(input.app.accent_color);
  const outline = input.app.outline_icon
    ? readIcon(path.resolve(input.baseDir, input.app.outline_icon), OUTLINE_SIZE, 'outline_icon')
    : drawOutlineIcon();
  const mtime = input.mtime ?? new Date('2026-01-01T00:00:00Z');
  const zip = zipSync(
    {
      'manifest.json': [new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`), { mtime }],
      [ICON_FILES.color]: [new Uint8Array(color), { mtime, level: 0 }],
      [ICON_FILES.outline]: [new Uint8Array(outline), { mtime, level: 0 }],
    },
    { level: 9 },
  );
  return { zip, manifest };
}
