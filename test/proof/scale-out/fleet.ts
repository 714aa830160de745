// The companies of the scale-out proof: each a small company in its own folder (its exports, its
// QuickBooks sandbox data under its own realm), its own Slack channel, every third one a Teams channel
// too, all in one deployment file in the many-companies format: Postgres from DATABASE_URL, shared
// defaults, one `include:` per company whose paths are relative to its own file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { generateDemo } from '../../../demo/generate';
import { DEFAULT_RULES } from '../../../src/app/paths';
import type { Rng } from '../support/seeded';
import { smallCompany, type SmallCompany } from '../support/small-company';

export interface FleetCompany {
  id: string;
  realmId: string;
  /** Channel names are the deployment's: one name, one chat channel, so each company's carry its id. */
  slack: { name: string; channelId: string };
  /** Set for every third company. */
  teams?: { name: string; channelId: string };
  data: SmallCompany;
}

export interface Fleet {
  companies: FleetCompany[];
  /** The deployment file (`SYNC_SENTINEL_CONFIG`). */
  config: string;
  /** Seeded edits to a seeded share of the companies; returns how many edits were made. */
  mutate(rng: Rng, share: number): number;
}

export const TEAMS_TEAM = '19:scale-team-general@thread.tacv2';

const pad = (i: number) => String(i + 1).padStart(3, '0');

export function buildFleet(dir: string, count: number, pollSchedule: string, now: Date): Fleet {
  const demo = generateDemo({ now });
  const companies: FleetCompany[] = [];
  const entries: Array<{ include: string }> = [];
  for (let i = 0; i < count; i++) {
    const id = `co${pad(i)}`;
    const folder = path.join(dir, 'companies', id);
    const data = smallCompany(folder, now, { demo, deletions: true });
    data.write();
    const company: FleetCompany = {
      id,
      realmId: `91303500${pad(i).padStart(8, '0')}`,
      slack: { name: `ops-${id}`, channelId: `C0SCALE${pad(i)}` },
      ...(i % 3 === 0 ? { teams: { name: `teams-${id}`, channelId: `19:scale-${id}@thread.tacv2` } } : {}),
      data,
    };
    companies.push(company);
    const channels: unknown[] = [{ type: 'slack', name: company.slack.name, channel_id: company.slack.channelId, pace_seconds: 0 }];
    if (company.teams) channels.push({ type: 'teams', name: company.teams.name, channel_id: company.teams.channelId, port: 0 });
    writeFileSync(
      path.join(folder, 'company.yaml'),
      YAML.stringify({
        company: { id, name: `Scale ${pad(i)} Heating & Air`, time_zone: 'America/Chicago' },
        sources: [
          { id: 'fieldpro', type: 'files', name: 'FieldPro export', path: 'upstream/fieldpro' },
          { id: 'quickbooks', type: 'quickbooks', realm_id: company.realmId, sandbox_data: 'quickbooks' },
        ],
        channels,
      }),
    );
    entries.push({ include: `companies/${id}/company.yaml` });
  }
  const config = path.join(dir, 'sync-sentinel.yaml');
  writeFileSync(
    config,
    YAML.stringify({
      storage: { postgres: { url_env: 'DATABASE_URL' } },
      defaults: {
        schedule: { poll: pollSchedule },
        rules: [DEFAULT_RULES],
        matching: {
          invoice: [{ by: 'private_note', pattern: 'FieldPro invoice (?<id>\\S+)' }, { by: 'doc_number' }],
          payment: [{ by: 'private_note', pattern: '(?:FieldPro|Card) payment (?<id>\\S+)' }, { by: 'reference' }],
        },
        incidents: { notify_low: true },
      },
      companies: entries,
      // A small company's poll mostly waits on QuickBooks' 10-requests-a-second limit: four at a time per instance.
      instance: { max_concurrent_polls: 4 },
    }),
  );
  return {
    companies,
    config,
    mutate(rng, share) {
      let edits = 0;
      for (const c of companies) if (rng.chance(share)) edits += c.data.mutate(rng).length;
      return edits;
    },
  };
}
