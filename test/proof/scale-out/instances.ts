// N `serve` processes on one deployment file, each as if on its own machine: where the system allows
// it (root on Linux), each runs in its own UTS namespace under its own host name, so an instance cannot
// see that another one's process died and must wait for that one's leases to expire, as across
// machines. Elsewhere they share this machine's name (a dead holder is then taken over at once).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../../src/app/paths';

export interface InstanceExit {
  instance: number;
  code: number | null;
  signal: string | null;
  output: string;
}

export interface Instances {
  /** Whether each instance has its own host name. */
  readonly ownHosts: boolean;
  start(i: number): void;
  /** SIGKILLs instance i; resolves when it is gone. */
  kill(i: number): Promise<void>;
  /** SIGTERMs every running instance and waits for each to finish its poll and stop. */
  stopAll(): Promise<InstanceExit[]>;
  running(): number[];
  /** Exits other than our own SIGKILLs, with the end of their output. */
  readonly unexpected: InstanceExit[];
  /** The output of instance i's current process so far. */
  output(i: number): string;
}

const canUnshare = (): boolean =>
  process.platform === 'linux' && spawnSync('unshare', ['-u', 'sh', '-c', 'hostname proof-probe'], { stdio: 'ignore' }).status === 0;

export function instances(count: number, cwd: string, env: NodeJS.ProcessEnv): Instances {
  const ownHosts = canUnshare();
  const procs = new Map<number, { proc: ChildProcess; exited: Promise<InstanceExit>; killed: boolean; output: () => string }>();
  const unexpected: InstanceExit[] = [];
  const bin = path.join(PACKAGE_ROOT, 'bin/sync-sentinel.js');
  const start = (i: number) => {
    if (procs.has(i)) throw new Error(`instance ${i} is already running`);
    // `exec` keeps one process: the pid we hold is the service's, so SIGKILL reaches it and nothing else.
    const proc = ownHosts
      ? spawn('unshare', ['-u', 'sh', '-c', `hostname scale-instance-${i} && exec "$0" "$@"`, process.execPath, bin, 'serve'], {
          cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, [bin, 'serve'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Only the end of the output is kept: a long run logs every poll.
    let output = '';
    const keep = (c: Buffer) => {
      output = (output + c.toString('utf8')).slice(-20_000);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    const entry = {
      proc,
      killed: false,
      output: () => output,
      exited: new Promise<InstanceExit>((resolve) =>
        proc.on('exit', (code, signal) => {
          const exit = { instance: i, code, signal, output: output.slice(-2_000) };
          if (!entry.killed && !(code === 0 && signal === null)) unexpected.push(exit);
          if (procs.get(i) === entry) procs.delete(i);
          resolve(exit);
        }),
      ),
    };
    procs.set(i, entry);
  };
  return {
    ownHosts,
    start,
    async kill(i) {
      const entry = procs.get(i);
      if (!entry) return;
      entry.killed = true;
      entry.proc.kill('SIGKILL');
      await entry.exited;
    },
    async stopAll() {
      const stopping = [...procs.values()];
      for (const e of stopping) e.proc.kill('SIGTERM');
      return Promise.all(stopping.map((e) => e.exited));
    },
    running: () => [...procs.keys()].sort((a, b) => a - b),
    unexpected,
    output: (i) => procs.get(i)?.output() ?? '',
  };
}
