// stale: a source has not answered, or nothing new has come from it, for too long — the sync
// itself has stalled, so every record-level check on it is suspect.
import type { Finding } from '../domain/finding';
import { humanAge } from '../domain/time';
import type { RuleOf } from '../rules/schema';
import { findingFor, type EvalContext } from './context';

export function evaluateStale(rule: RuleOf<'stale'>, ctx: EvalContext): Finding[] {
  const out: Finding[] = [];
  for (const h of ctx.health) {
    if (rule.source !== 'any' && rule.source !== h.sourceId) continue;
    const name = ctx.sourceNames.get(h.sourceId) ?? h.sourceId;
    const ref = { side: h.side, source: h.sourceId, entity: 'source' as const, sourceId: h.sourceId, label: name };
    const lastOk = h.lastOkAt ? Date.parse(h.lastOkAt) : undefined;
    const failing = h.lastError !== null && h.consecutiveFailures > 0;
    const downFor = lastOk === undefined ? undefined : ctx.nowMs - lastOk;
    // `<source>.disconnected`: the connection itself is gone (refresh token rejected, app revoked,
    // subscription lapsed). Waiting out max_age would only delay the one fix: reconnecting.
    const disconnected = failing && h.lastError!.code.endsWith('.disconnected');
    if (failing && (disconnected || downFor === undefined || downFor > rule.max_age)) {
      out.push(
        findingFor(rule, ref, {
          summary: disconnected
            ? `${name}: ${h.lastError!.message}`
            : `${name} has not answered ${downFor === undefined ? 'since it was set up' : `for ${humanAge(downFor)}`}: ${h.lastError!.message}`,
          evidence: [
            { field: 'last good read', [h.side]: h.lastOkAt },
            { field: 'error', [h.side]: `${h.lastError!.code} (${h.lastError!.reason})` },
            { field: 'failed polls in a row', [h.side]: h.consecutiveFailures },
          ],
          trace: [{ hop: 'source', status: 'broken', note: h.lastError!.message }],
          amountCents: 0,
          likelySide: h.side,
          since: h.lastOkAt ?? h.lastErrorAt ?? undefined,
          rootCauseKey: `${h.lastError!.reason}: ${h.lastError!.code}`,
        }),
      );
      continue;
    }
    const newest = h.newestRecordAt ? Date.parse(h.newestRecordAt) : undefined;
    if (rule.max_silence !== undefined && newest !== undefined && h.recordCount > 0 && ctx.nowMs - newest > rule.max_silence) {
      out.push(
        findingFor(rule, ref, {
          summary: `Nothing new from ${name} for ${humanAge(ctx.nowMs - newest)} (newest record ${h.newestRecordAt})`,
          evidence: [
            { field: 'newest record', [h.side]: h.newestRecordAt },
            { field: 'records held', [h.side]: h.recordCount },
          ],
          trace: [{ hop: 'source', status: 'broken', note: 'no new data' }],
          amountCents: 0,
          likelySide: h.side,
          since: h.newestRecordAt ?? undefined,
        }),
      );
    }
  }
  return out;
}
