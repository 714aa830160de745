// Who this process is, for leases and delivery claims, and whether another claimant still runs.
// Only a process on this machine can be checked; one elsewhere is taken as alive until its claim expires.
import { randomBytes } from 'node:crypto';
import os from 'node:os';

/** Owners made by this process that are still in use (a service per owner). */
const ours = new Set<string>();

/** `host:pid:random` — the random part tells two services of one process (and a reused pid) apart. */
export function newProcessOwner(): string {
  const owner = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  ours.add(owner);
  return owner;
}

export function parseOwner(owner: string): { host: string; pid: number } | null {
  const parts = owner.split(':');
  if (parts.length < 3) return null;
  const pid = Number(parts[parts.length - 2]);
  return Number.isInteger(pid) && pid > 0 ? { host: parts.slice(0, -2).join(':'), pid } : null;
}

export function isOwnerAlive(owner: string): boolean {
  const parsed = parseOwner(owner);
  if (!parsed || parsed.host !== os.hostname()) return true;
  if (parsed.pid === process.pid) return ours.has(owner);
  try {
    process.kill(parsed.pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
