// Which QuickBooks account a payment sits in. QuickBooks names Undeposited Funds by the account's
// sub-type, not by its name (a company may rename it, and a reference may carry only the id), so the
// account is looked up by id in the Account list; only when that list was never read does the
// reference's optional name decide.
import type { PaymentRecord, ReferenceRecord } from '../domain/records';
import { BySource } from '../trace/index-records';

export const UNDEPOSITED_SUB_TYPE = 'UndepositedFunds';

export interface DepositAccount {
  /** The payment waits in Undeposited Funds for a bank deposit. */
  undeposited: boolean;
  /** The account's name for alert text (the Account list's, else the reference's, else its id). */
  name: string | undefined;
}

/** A reader of payments' deposit accounts over the QuickBooks reference records. */
export function depositAccounts(refs: readonly ReferenceRecord[]): (p: PaymentRecord) => DepositAccount {
  const accounts = new BySource<ReferenceRecord>();
  const listed = new Set<string>();
  for (const r of refs) {
    if (r.entity !== 'account') continue;
    accounts.set(r.source, r.sourceId, r);
    listed.add(r.source);
  }
  return (p) => {
    const account = listed.has(p.source) ? accounts.get(p.source, p.depositAccountId) : undefined;
    if (account) return { undeposited: account.accountSubType === UNDEPOSITED_SUB_TYPE, name: account.name };
    return { undeposited: /undeposited/i.test(p.depositAccount ?? ''), name: p.depositAccount ?? p.depositAccountId };
  };
}
