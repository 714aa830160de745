// Checks every store makes before writing a commit, whatever the engine.
import { SentinelError } from '../../src/domain/errors';
import type { IncidentChange } from '../../src/incidents/model';

/** Every row a commit writes must belong to the company it is committed for. */
export function assertCompany(companyId: string, rows: Array<{ companyId: string }>, what: string): void {
  const stray = rows.find((row) => row.companyId !== companyId);
  if (stray) {
    throw new SentinelError(
      'store.company_mismatch',
      'client',
      `A commit for company ${companyId} carried ${what} of company ${stray.companyId}; nothing was written. Commit each company separately.`,
    );
  }
}

export function assertChange(companyId: string, change: IncidentChange): void {
  assertCompany(companyId, [change.after], `incident ${change.after.id}`);
  assertCompany(companyId, change.events, `an event of incident ${change.after.id}`);
}
