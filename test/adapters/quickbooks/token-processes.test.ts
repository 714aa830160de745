import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConnected, type Connected } from './connected';
import { REALM } from './harness';

const CHILD = fileURLToPath(new URL('./fixtures/refresh-child.ts', import.meta.url));
let c: Connected;

beforeEach(async () => {
  c = await startConnected();
  // The stored access token has expired: the next caller must refresh.
  const stored = (await c.vault.load(REALM))!;
  await c.vault.connect(
    REALM,
    { ...stored, accessExpiresAt: new Date(Date.now() - 1000).toISOString() },
    stored.companyName,
    new Date().toISOString(),
  );
});
afterEach(() => c.close());

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: Record<string, string> | null }>;
}

function runChild(opts: { startAt?: number; leaseMs?: number; mode?: string } = {}): Run {
  const args = [
    c.file,
    c.key.toString('hex'),
    REALM,
    c.h.sandbox.tokenUrl,
    String(opts.startAt ?? 0),
    String(opts.leaseMs ?? 30_000),
    opts.mode ?? 'refresh',
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const done = new Promise<Awaited<Run['done']>>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve({ code, signal, out: stdout.trim() ? (JSON.parse(stdout.trim()) as Record<string, string>) : null }),
    ),
  );
  return { child, done };
}

const tokenRequests = () => c.h.sandbox.requests.filter((r) => r.path.endsWith('/tokens/bearer')).length;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('token refresh across processes sharing one database', () => {
  it('lets only one of two processes refresh at once; both end with the same new token', async () => {
    // A slow token endpoint keeps the first refresh in flight while the second process asks.
    c.h.sandbox.injectTokenFault({ kind: 'delay', ms: 1_500 }, 2);
    const startAt = Date.now() + 4_000;
    const [a, b] = await Promise.all([runChild({ startAt }).done, runChild({ startAt }).done]);
    expect(c.h.sandbox.refreshCount()).toBe(1);
    expect(tokenRequests()).toBe(2); // the code exchange of `connect`, then the one refresh
    const stored = (await c.vault.load(REALM))!;
    expect(a.out).toEqual({ token: stored.accessToken });
    expect(b.out).toEqual({ token: stored.accessToken });
  });

  it('takes over the lease of a process killed while its refresh was in flight', async () => {
    c.h.sandbox.injectTokenFault({ kind: 'hang' }, 1);
    const first = runChild({ leaseMs: 1_000 });
    await until(() => tokenRequests() === 2);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    // The hung request never reached the token book, so the stored refresh token is still good.
    const second = await runChild({ leaseMs: 1_000 }).done;
    expect(second.out).toEqual({ token: (await c.vault.load(REALM))!.accessToken });
    expect(c.h.sandbox.refreshCount()).toBe(1);
  });

  it('after a crash between refresh and persist, reports the connection lost and recovers with connect', async () => {
    const crashed = await runChild({ mode: 'crash-after-refresh', leaseMs: 1_000 }).done;
    expect(crashed.signal).toBe('SIGKILL');
    expect(c.h.sandbox.refreshCount()).toBe(1);
    // QuickBooks rotated the refresh token; the vault still holds the retired one.
    const restarted = await runChild({ leaseMs: 1_000 }).done;
    expect(restarted.out?.error).toMatch(/^QuickBooks disconnected — run `sync-sentinel connect quickbooks`/);
    expect(await c.vault.load(REALM)).toMatchObject({ status: 'disconnected' });

    await c.connect();
    await expect(c.source().read({ now: new Date() })).resolves.toMatchObject({ mode: 'full' });
  });
});
