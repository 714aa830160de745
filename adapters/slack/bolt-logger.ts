// Bolt and its SDKs log through our logger, at warn and above, so nothing of theirs reaches stdout
// (the console channel's) and nothing bypasses redaction.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger';

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (args: unknown[]) =>
    args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  return {
    debug() {},
    info() {},
    warn: (...args: unknown[]) => log.warn({ component: 'slack' }, text(args)),
    error: (...args: unknown[]) => log.error({ component: 'slack' }, text(args)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName() {},
  };
}
