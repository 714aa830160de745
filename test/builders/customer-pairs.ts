// A labelled set of customer pairs for the duplicate-customer rule, drawn with variation from small
// tables by a seeded generator: real duplicates typed in again (typos, nicknames, company forms,
// word order, initials) and the look-alikes that are different people or businesses.
import type { CustomerRecord } from '../../src/domain/records';
import { seeded, type Rng } from '../proof/support/seeded';
import { daysAgo } from './clock';
import { aQbCustomer } from './records';

export type PairCase =
  | 'transposed letters'
  | 'first-letter typo'
  | 'dropped letter'
  | 'company form'
  | 'ampersand'
  | 'last, first'
  | 'nickname'
  | 'middle initial'
  | 'same name again'
  | 'moved house'
  | 'household'
  | 'father and son'
  | 'property manager'
  | 'similar given names'
  | 'common surname'
  | 'shared business phone';

export interface LabelledPair {
  case: PairCase;
  duplicate: boolean;
  a: CustomerRecord;
  b: CustomerRecord;
}

const GIVEN = [
  'Dana',
  'Marcus',
  'Priya',
  'Tomasz',
  'Ingrid',
  'Rafael',
  'Yuki',
  'Esther',
  'Declan',
  'Noor',
  'Wendell',
  'Harriet',
  'Oksana',
  'Lionel',
];
const FAMILY = [
  'Brzezinski',
  'Whitfield',
  'Kowalczyk',
  'Hernandez',
  'Nakamura',
  'Fitzgerald',
  'Okonkwo',
  'Lindqvist',
  'Marchetti',
  'Abernathy',
  'Castellano',
  'Vandermeer',
];
const NICKNAMES = [
  ['Robert', 'Bob'],
  ['Elizabeth', 'Liz'],
  ['William', 'Bill'],
  ['Katherine', 'Kate'],
  ['Margaret', 'Peggy'],
  ['Richard', 'Rick'],
  ['James', 'Jim'],
  ['Jennifer', 'Jenny'],
  ['Michael', 'Mike'],
  ['Anthony', 'Tony'],
  ['Patricia', 'Trish'],
  ['Theodore', 'Ted'],
] as const;
/** Spellings that sort far apart: the first letter differs but sounds the same. */
const FIRST_LETTER = [
  ['Katherine', 'Catherine'],
  ['Kaplan', 'Caplan'],
  ['Kramer', 'Cramer'],
  ['Kline', 'Cline'],
  ['Karlsen', 'Carlsen'],
  ['Kohen', 'Cohen'],
] as const;
const BUSINESS = [
  'Summit Roofing',
  'Lakeside Dental',
  'Blue Ridge Landscaping',
  'Harbor View Marine',
  'Pioneer Glass',
  'Redwood Veterinary',
  'Northgate Storage',
  'Copper Kettle Bakery',
];
const FORMS = [
  ['Inc.', 'Incorporated'],
  ['LLC', ''],
  ['Co.', 'Company'],
  ['Inc', 'LLC'],
  ['Corp.', 'Corporation'],
] as const;
const PARTNERS = [
  ['Baker', 'Sons'],
  ['Reyes', 'Daughters'],
  ['Mills', 'Grant'],
  ['Ortiz', 'Partners'],
] as const;
/** Given names one letter apart that belong to different people (often two people in one home). */
const NEAR_GIVEN = [
  ['Mark', 'Mary'],
  ['Maria', 'Mario'],
  ['Julia', 'Julie'],
  ['Allen', 'Ellen'],
  ['Jason', 'Mason'],
  ['Frances', 'Francis'],
  ['Louis', 'Louise'],
  ['Daniel', 'Danielle'],
  ['Eric', 'Erica'],
  ['Paul', 'Paula'],
] as const;
const HOUSEHOLD = [
  ['Mark', 'Linda'],
  ['Greg', 'Susan'],
  ['Omar', 'Leila'],
  ['Walter', 'June'],
  ['Kevin', 'Megan'],
  ['Hector', 'Rosa'],
] as const;
const COMMON_SURNAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Nguyen'];
const STREETS = ['Oak St', 'Maple Ave', 'Birch Ln', 'Cedar Rd', 'Elm Ct', 'Willow Dr', 'Aspen Way', 'Juniper Pl'];
const GENERATIONS = [
  ['', 'Jr.'],
  ['Sr.', 'Jr.'],
  ['', 'II'],
  ['Jr.', 'III'],
] as const;

/** Contact details unique to one pair, so pairs never meet each other by accident. */
class Details {
  constructor(
    private readonly rand: Rng,
    private n = 0,
  ) {}
  email(name: string) {
    return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${++this.n}@example.com`;
  }
  phone() {
    return `+1512${String(5_000_000 + ++this.n).padStart(7, '0')}`;
  }
  address() {
    return {
      line1: `${100 + ++this.n} ${this.rand.pick(STREETS)}`,
      city: 'Austin',
      region: 'TX',
      postalCode: `7${String(this.n % 10_000).padStart(4, '0')}`,
    };
  }
}

export function labelledPairs(seed: number): LabelledPair[] {
  const rand = seeded(seed);
  const d = new Details(rand);
  let id = 5000;
  const pairs: LabelledPair[] = [];
  const customer = (displayName: string, details: Partial<CustomerRecord>, created: number): CustomerRecord =>
    aQbCustomer({
      sourceId: String(++id),
      displayName,
      email: undefined,
      phone: undefined,
      address: undefined,
      createdAt: daysAgo(created),
      ...details,
    });
  /** A customer and the same customer typed in again: at least one detail kept, the rest new or left out. */
  const reentered = (kase: PairCase, first: string, again: string) => {
    const original = { email: d.email(first), phone: d.phone(), address: d.address() };
    const keep: readonly string[] = rand.pick([
      ['email'],
      ['phone'],
      ['address'],
      ['email', 'address'],
      ['phone', 'address'],
      ['email', 'phone'],
    ]);
    const copy: Partial<CustomerRecord> = {};
    if (keep.includes('email')) copy.email = original.email;
    else if (rand.chance(0.5)) copy.email = d.email(again);
    // Always a phone (kept or new), so two sparse copies from different pairs never look alike.
    copy.phone = keep.includes('phone') ? original.phone : d.phone();
    if (keep.includes('address')) copy.address = { ...original.address };
    pairs.push({ case: kase, duplicate: true, a: customer(first, original, 400), b: customer(again, copy, 20) });
  };
  const different = (kase: PairCase, first: string, second: string, shared: Partial<CustomerRecord>) => {
    const own = () => ({ email: d.email(first), phone: d.phone(), address: d.address() });
    pairs.push({
      case: kase,
      duplicate: false,
      a: customer(first, { ...own(), ...shared }, 300),
      b: customer(second, { ...own(), ...shared }, 30),
    });
  };
  const person = () => `${rand.pick(GIVEN)} ${rand.pick(FAMILY)}`;

  for (let k = 0; k < 10; k++) {
    const [given, family] = [rand.pick(GIVEN), rand.pick(FAMILY)];
    const i = rand.int(1, family.length - 3);
    const swapped = family.slice(0, i) + family[i + 1] + family[i] + family.slice(i + 2);
    reentered('transposed letters', `${given} ${family}`, `${given} ${swapped}`);
  }
  for (const [x, y] of [...FIRST_LETTER, ...FIRST_LETTER.map(([p, q]) => [q, p] as const)]) {
    const given = rand.pick(GIVEN);
    const name = (n: string) => (n.endsWith('atherine') ? `${n} Olsen` : `${given} ${n}`);
    reentered('first-letter typo', name(x), name(y));
  }
  for (let k = 0; k < 8; k++) {
    const [given, family] = [rand.pick(GIVEN), rand.pick(FAMILY)];
    const i = rand.int(1, family.length - 2);
    reentered('dropped letter', `${given} ${family}`, `${given} ${family.slice(0, i) + family.slice(i + 1)}`);
  }
  for (let k = 0; k < 10; k++) {
    const [x, y] = rand.pick(FORMS);
    const name = rand.pick(BUSINESS);
    reentered('company form', `${name} ${x}`.trim(), `${name} ${y}`.trim());
  }
  for (const [x, y] of PARTNERS) reentered('ampersand', `${x} & ${y} Plumbing`, `${x} and ${y} Plumbing`);
  for (let k = 0; k < 8; k++) {
    const [given, family] = [rand.pick(GIVEN), rand.pick(FAMILY)];
    reentered('last, first', `${given} ${family}`, `${family}, ${given}`);
  }
  for (const [full, short] of NICKNAMES) {
    const family = rand.pick(FAMILY);
    if (rand.chance(0.5)) reentered('nickname', `${full} ${family}`, `${short} ${family}`);
    else reentered('nickname', `${short} ${family}`, `${full} ${family}`);
  }
  for (let k = 0; k < 8; k++) {
    const [given, family] = [rand.pick(GIVEN), rand.pick(FAMILY)];
    reentered('middle initial', `${given} ${String.fromCharCode(65 + rand.int(0, 25))}. ${family}`, `${given} ${family}`);
  }
  for (let k = 0; k < 6; k++) {
    const name = person();
    reentered('same name again', name, name);
  }
  for (let k = 0; k < 4; k++) {
    // Entered again after a move: the same name and e-mail or phone, a new address.
    const name = person();
    const original = { email: d.email(name), phone: d.phone(), address: d.address() };
    const kept = k % 2 === 0 ? { email: original.email, phone: d.phone() } : { phone: original.phone };
    pairs.push({
      case: 'moved house',
      duplicate: true,
      a: customer(name, original, 400),
      b: customer(name, { ...kept, address: d.address() }, 20),
    });
  }

  for (const [x, y] of HOUSEHOLD) {
    const family = rand.pick(COMMON_SURNAMES);
    const home = { email: d.email(`the ${family}s`), phone: d.phone(), address: d.address() };
    different('household', `${x} ${family}`, `${y} ${family}`, home);
  }
  for (const [x, y] of GENERATIONS) {
    const name = person();
    const home = { phone: d.phone(), address: d.address(), ...(rand.chance(0.5) ? { email: d.email(name) } : {}) };
    different('father and son', `${name} ${x}`.trim(), `${name} ${y}`.trim(), home);
  }
  for (let k = 0; k < 8; k++) {
    // One manager's inbox pays for several properties: tenants' or owners' names, or the manager's own name per property.
    const inbox = { email: d.email('ap desk') };
    const manager = person();
    if (k % 3 === 0) different('property manager', `${manager} (${d.address().line1})`, `${manager} (${d.address().line1})`, inbox);
    // The same name twice with one inbox is one person entered twice (QuickBooks itself refuses a second
    // customer of the same name): a manager's properties carry the tenant's or the property's name.
    else if (k % 3 === 1) different('property manager', `${manager} c/o ${person()}`, `${manager} c/o ${person()}`, inbox);
    else different('property manager', person(), `${rand.pick(GIVEN)} ${rand.pick(COMMON_SURNAMES)}`, inbox);
  }
  for (const [x, y] of NEAR_GIVEN) {
    const family = rand.pick(COMMON_SURNAMES);
    different('similar given names', `${x} ${family}`, `${y} ${family}`, { phone: d.phone(), address: d.address() });
  }
  for (let k = 0; k < 10; k++) {
    const family = rand.pick(COMMON_SURNAMES);
    const [x, y] = [rand.pick(GIVEN), rand.pick(NICKNAMES)[0]];
    different('common surname', `${x} ${family}`, `${y} ${family}`, {});
  }
  for (let k = 0; k < 8; k++) {
    const [x, y] = [rand.pick(BUSINESS), rand.pick(BUSINESS)];
    if (x === y) continue;
    different('shared business phone', x, y, { phone: d.phone(), address: d.address() });
  }
  return pairs;
}

/** Customers unrelated to any pair (a company's everyday list), each with its own details. */
export function fillerCustomers(seed: number, count: number): CustomerRecord[] {
  const rand = seeded(seed + 1);
  const d = new Details(rand, 50_000);
  return Array.from({ length: count }, (_, k) => {
    const name = rand.chance(0.2)
      ? `${rand.pick(BUSINESS)} ${rand.pick(['Inc.', 'LLC', ''])}`.trim()
      : `${rand.pick([...GIVEN, ...NICKNAMES.map((n) => n[0])])} ${rand.pick([...FAMILY, ...COMMON_SURNAMES])}`;
    return aQbCustomer({
      sourceId: String(90_000 + k),
      displayName: name,
      email: d.email(`filler ${k}`),
      phone: `+1737${String(7_000_000 + k).padStart(7, '0')}`,
      address: d.address(),
      createdAt: daysAgo(rand.int(30, 900)),
    });
  });
}
