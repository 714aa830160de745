// Crash consistency on Postgres, at the store: processes committing polls (fenced by the poll lease,
// based on the revision they read) and draining the outbox are SIGKILLed at seeded moments and
// started again. Afterwards every commit is whole or absent: each incident has its event, both of
// its outbox items and its notify state, one poll run per revision, and every commit a process
// reported survived. The invariants hold for any moment of the kill, so timing cannot fail the test.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../support/postgres';
import { LONG, SEED, seeded } from '../support/seeded';

const KILLS = Number(process.env['PROOF_PG_KILLS'] ?? (LONG ? 60 : 6));
const COMMITTER = fileURLToPath(new URL('./postgres-committer.ts', import.meta.url));

interface Committer {
  child: ChildProcess;
  exited: Promise<void>;
}

/** Commits reported by any process; `next()` resolves at the next one (or when a process fails). */
class Progress {
  readonly reported = new Set<number>();
  readonly errors: string[] = [];
  private waiters: Array<() => void> = [];
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

function startCommitter(url: string, owner: string, progress: Progress): Committer {
  const child = spawn(process.execPath, ['--import', 'tsx', COMMITTER, url, owner], {
    cwd: path.dirname(COMMITTER),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const lines = out.split('\n');
    out = lines.pop()!;
    for (const line of lines) {
      const n = /^committed (\d+)$/.exec(line);
      if (n) {
        progress.reported.add(Number(n[1]));
        progress.wake();
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (signal !== 'SIGKILL') {
        progress.errors.push(`${owner} exited with ${code}: ${stderr.slice(-2_000)}`);
        progress.wake();
      }
      resolve();
    }),
  );
  return { child, exited };
}

async function count(client: pg.Client, query: string): Promise<number> {
  const result = await client.query<{ n: number }>(query);
  return result.rows[0]!.n;
}

describe('crash consistency on Postgres', () => {
  it(`keeps every commit whole or absent when committing processes are SIGKILLed ${KILLS} times`, { timeout: 300_000 }, async () => {
    const rng = seeded(SEED);
    const url = await freshDatabase();
    const progress = new Progress();
    let generation = 0;
    const start = (name: string) => startCommitter(url, `${name}:${++generation}`, progress);
    const pair = [start('host-a'), start('host-b')];

    // Each kill comes after at least one more commit, at a seeded delay: mid-commit, mid-delivery, or
    // holding the lease (the other process takes over once it runs out).
    for (let kill = 0; kill < KILLS && progress.errors.length === 0; kill++) {
      await progress.next();
      await new Promise((resolve) => setTimeout(resolve, rng.int(0, 400)));
      const victim = rng.int(0, 1);
      pair[victim]!.child.kill('SIGKILL');
      await pair[victim]!.exited;
      pair[victim] = start(victim === 0 ? 'host-a' : 'host-b');
    }
    if (progress.errors.length === 0) await progress.next();
    for (const committer of pair) {
      committer.child.kill('SIGKILL');
      await committer.exited;
    }

    expect(progress.errors).toEqual([]);
    const reported = progress.reported;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const incidents = await count(client, 'SELECT count(*)::int AS n FROM incidents');
      expect(incidents).toBeGreaterThanOrEqual(reported.size);
      expect(await count(client, 'SELECT count(*)::int AS n FROM poll_runs')).toBe(incidents);
      expect(await count(client, 'SELECT coalesce(max(revision), 0)::int AS n FROM company_revisions')).toBe(incidents);
      expect(await count(client, 'SELECT count(*)::int AS n FROM outbox')).toBe(2 * incidents);
      expect(await count(client, "SELECT count(*)::int AS n FROM incident_events WHERE type = 'opened'")).toBe(incidents);
      expect(await count(client, 'SELECT count(*)::int AS n FROM notify_state')).toBe(incidents);
      expect(await count(client, 'SELECT max(number)::int AS n FROM incidents')).toBe(incidents);
      const numbers = await client.query<{ number: number }>('SELECT number FROM incidents');
      const stored = new Set(numbers.rows.map((row) => row.number));
      expect([...reported].filter((n) => !stored.has(n))).toEqual([]);
      // A delivery in flight when its process died stays `sending` for recovery; none is lost or doubled.
      expect(await count(client, "SELECT count(*)::int AS n FROM outbox WHERE status NOT IN ('pending', 'sending', 'sent')")).toBe(0);
    } finally {
      await client.end();
    }
  });
});
