// Is this the same customer? Evidence from the name, e-mail, phone, address and company is weighed
// into levels, as accounting tools grade possible duplicates:
//   exact   — the same name (after folding case, "&", "Inc."/"LLC", word order) and a shared e-mail,
//             phone or address, with no other service address;
//   close   — a name variant (nickname, initial, dropped middle initial, one typo) with a shared
//             e-mail, phone or address; the same name with a shared detail beside another address (a
//             move); or the same name with nothing on record that disagrees;
//   similar — the names agree but no contact detail backs them while something differs: worth a
//             look, too weak to alert on.
// A shared phone or e-mail alone is never a level: households share landlines and family e-mails,
// property managers pay for many properties from one inbox, businesses share a switchboard.
import type { Address, CustomerRecord } from '../domain/records';
import type { EvidenceLevel } from '../rules/schema';
import { compareNames, parseName, type NameComparison, type ParsedName } from './customer-name';

export const LEVEL_RANK: Record<EvidenceLevel, number> = { exact: 3, close: 2, similar: 1 };

type Detail = 'e-mail' | 'phone' | 'address' | 'company';

/** What the comparison needs of a customer, computed once per record. */
export interface CustomerProfile {
  record: CustomerRecord;
  name: ParsedName;
  email?: string;
  phone?: string;
  address?: { line: string; postalCode?: string };
  /** A company named beside a person's name; undefined when the display name is the company. */
  company?: string;
}

export interface CustomerEvidence {
  level: EvidenceLevel;
  name: NameComparison;
  agree: Detail[];
  differ: Detail[];
}

export function profileOf(record: CustomerRecord): CustomerProfile {
  const name = parseName(record.displayName);
  const companyWords = record.companyName ? parseName(record.companyName).words.join(' ') : '';
  return {
    record,
    name,
    email: record.email?.trim().toLowerCase() || undefined,
    phone: record.phone || undefined,
    address: foldAddress(record.address),
    company: companyWords !== '' && companyWords !== name.words.join(' ') ? companyWords : undefined,
  };
}

/** The level two customers reach, or undefined when their names say they are different people. */
export function weighEvidence(a: CustomerProfile, b: CustomerProfile): CustomerEvidence | undefined {
  const name = compareNames(a.name, b.name);
  if (name.grade === 'none' || name.grade === 'conflict') return undefined;
  const agree: Detail[] = [];
  const differ: Detail[] = [];
  const weigh = (detail: Detail, same: boolean | undefined) => {
    if (same === true) agree.push(detail);
    else if (same === false) differ.push(detail);
  };
  weigh(
    'e-mail',
    both(a.email, b.email, (x, y) => x === y),
  );
  weigh(
    'phone',
    both(a.phone, b.phone, (x, y) => x === y),
  );
  weigh(
    'address',
    both(
      a.address,
      b.address,
      (x, y) => x.line === y.line && (x.postalCode === undefined || y.postalCode === undefined || x.postalCode === y.postalCode),
    ),
  );
  weigh(
    'company',
    both(a.company, b.company, (x, y) => x === y),
  );
  // A shared e-mail, phone or address backs the name. Another address beside it is a move or a second
  // property of the same person: still one customer, but no longer exact.
  const otherPlace = differ.includes('address');
  let level: EvidenceLevel;
  if (agree.length > 0) level = name.grade === 'same' && !otherPlace ? 'exact' : 'close';
  else level = name.grade === 'same' && differ.length === 0 ? 'close' : 'similar';
  return { level, name, agree, differ };
}

/** "close: same e-mail, nickname Bob/Robert, different phone" */
export function describeEvidence(e: CustomerEvidence): string {
  const nameParts = e.name.notes.length > 0 ? e.name.notes : ['same name'];
  const parts = [...e.agree.map((d) => `same ${d}`), ...nameParts, ...(e.differ.length > 0 ? [`different ${e.differ.join(', ')}`] : [])];
  return `${e.level}: ${parts.join(', ')}`;
}

function both<T>(x: T | undefined, y: T | undefined, same: (x: T, y: T) => boolean): boolean | undefined {
  return x === undefined || y === undefined ? undefined : same(x, y);
}

const STREET_WORDS: Record<string, string> = {
  street: 'st',
  avenue: 'ave',
  av: 'ave',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  terrace: 'ter',
  circle: 'cir',
  parkway: 'pkwy',
  highway: 'hwy',
  suite: 'ste',
  apartment: 'apt',
  unit: 'apt',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
};

/** "12 Oak Street, Apt. 4" and "12 oak st apt 4" are one address. */
export function foldAddress(address: Address | undefined): CustomerProfile['address'] {
  const words = (address?.line1 ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => STREET_WORDS[w] ?? w);
  if (words.length === 0) return undefined;
  const postalCode = address?.postalCode?.replace(/\s+/g, '').slice(0, 5).toLowerCase() || undefined;
  return { line: words.join(' '), postalCode };
}
