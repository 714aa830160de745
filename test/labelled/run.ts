// Drives the real product over a scenario: boots the service from the scenario's
// sync-sentinel.yaml (files sources, the QuickBooks sandbox on 127.0.0.1, SQLite in a temp
// folder, console channel), runs one cycle at a fixed `now`, and returns what it found.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { boot, wireBootedSources } from '../../src/app/boot';
import { readEnv } from '../../src/app/env';
import { createService } from '../../src/app/service';
import type { Finding } from '../../src/domain/finding';
import type { LabelledScenario } from './model';
import type { IncidentView } from './score';
import { writeScenario } from './write-files';

export interface ScenarioRun {
  findings: Finding[];
  incidents: IncidentView[];
  /** The product refused to start (e.g. a config key it does not know yet). */
  bootError?: string;
}

export async function runScenario(s: LabelledScenario): Promise<ScenarioRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-lab-'));
  try {
    const configPath = writeScenario(dir, s);
    const env = readEnv({ SYNC_SENTINEL_CONFIG: configPath, SYNC_SENTINEL_DATA_DIR: dir, LOG_LEVEL: 'silent' }, dir);
    let booted;
    try {
      booted = await boot(env, { now: s.now, logLevel: 'silent', stdout: new PassThrough() });
    } catch (err) {
      return { findings: [], incidents: [], bootError: (err as Error).message };
    }
    const built = await wireBootedSources(booted, env);
    try {
      const service = await createService({
        config: booted.config,
        loadRules: booted.loadRules,
        store: booted.store,
        sources: built.sources,
        channels: booted.channels,
        log: booted.log,
        now: () => s.now,
      });
      const { cycle } = await service.runOnce();
      const incidents = await booted.store.loadIncidents(booted.config.company.id);
      return {
        findings: cycle.findings,
        incidents: incidents.map((i) => ({
          ruleId: i.ruleId,
          groupKey: i.groupKey,
          action: i.classification.action,
          severity: i.classification.severity,
          findingKeys: i.findings.map((f) => f.key),
        })),
      };
    } finally {
      await built.close();
      await booted.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
