// Whether every company was polled in every schedule slot, from the poll runs the service recorded:
// for each slot of the window, the first poll of the company that started at or after the slot, and
// how late it started. A slot not polled yet when the run stopped is judged only if the stated lag had
// passed by then (else it is left out: its poll may simply not have started yet).

export interface PollRun {
  companyId: string;
  startedAt: number;
  ok: boolean;
}

export interface LagReport {
  slots: number;
  /** Polls that started inside the window. */
  polls: number;
  failedPolls: number;
  /** The latest any slot's poll started after the slot, in ms. */
  worstLagMs: number;
  worst?: { companyId: string; slot: string };
  /** Slots not polled when the run stopped, less than the stated lag after the slot: not judged. */
  unjudged: number;
  /** Slots whose poll started later than the stated lag (or never). */
  late: string[];
}

/** Slot instants every `intervalMs` from `from` (inclusive, aligned to the interval) up to `to` (exclusive). */
export function slotsBetween(from: number, to: number, intervalMs: number): number[] {
  const slots: number[] = [];
  for (let t = Math.ceil(from / intervalMs) * intervalMs; t < to; t += intervalMs) slots.push(t);
  return slots;
}

export function pollLag(companies: string[], runs: PollRun[], slots: number[], maxLagMs: number, stoppedAt: number): LagReport {
  const byCompany = new Map<string, number[]>();
  for (const r of runs) byCompany.set(r.companyId, [...(byCompany.get(r.companyId) ?? []), r.startedAt]);
  for (const list of byCompany.values()) list.sort((a, b) => a - b);
  const first = slots[0] ?? 0;
  const inWindow = runs.filter((r) => r.startedAt >= first);
  const report: LagReport = {
    slots: slots.length,
    polls: inWindow.length,
    failedPolls: inWindow.filter((r) => !r.ok).length,
    worstLagMs: 0,
    unjudged: 0,
    late: [],
  };
  for (const companyId of companies) {
    const starts = byCompany.get(companyId) ?? [];
    for (const slot of slots) {
      const next = starts.find((s) => s >= slot);
      if (next === undefined && stoppedAt - slot < maxLagMs) {
        report.unjudged++;
        continue;
      }
      const lag = next === undefined ? Number.POSITIVE_INFINITY : next - slot;
      if (lag > report.worstLagMs) {
        report.worstLagMs = lag;
        report.worst = { companyId, slot: new Date(slot).toISOString() };
      }
      if (lag > maxLagMs)
        report.late.push(
          `${companyId} slot ${new Date(slot).toISOString()}: ${next === undefined ? 'never polled' : `polled ${((next - slot) / 1000).toFixed(1)} s late`}`,
        );
    }
  }
  return report;
}
