// The company settings that change what counts as a problem: whether classes are tracked per invoice or
// per line, whether locations (Departments) are on and what the company calls them.
import type { CompanyPreferences, RecordProblem } from '../../src/domain/records';
import { parseRow, type MapContext } from './map-support';
import { companyInfoWire, preferencesWire } from './wire';

export function mapCompany(
  preferencesRaw: unknown,
  companyInfoRaw: unknown,
  ctx: MapContext,
): { preferences: CompanyPreferences; problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const prefs = parseRow(preferencesWire, preferencesRaw, 'Preferences', undefined, ctx);
  const info = parseRow(companyInfoWire, companyInfoRaw, 'CompanyInfo', undefined, ctx);
  if (prefs.problem) problems.push(prefs.problem);
  if (info.problem) problems.push(info.problem);
  // Unreadable settings fall back to QuickBooks' own defaults (tracking off) and are reported above.
  const accounting = prefs.row?.AccountingInfoPrefs;
  const preferences: CompanyPreferences = {
    classTracking: accounting?.ClassTrackingPerTxn ? 'transaction' : accounting?.ClassTrackingPerTxnLine ? 'line' : 'off',
    trackLocations: accounting?.TrackDepartments === true,
    locationTerm: accounting?.DepartmentTerminology?.trim() || 'Location',
  };
  if (info.row?.CompanyName) preferences.companyName = info.row.CompanyName;
  return { preferences, problems };
}
