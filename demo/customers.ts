import { nameSimilarity } from '../src/trace/similarity';
import { DAY, type Random } from './random';
import { LOCATIONS, type Address, type QbCustomer, type UpCustomer } from './model';

const FIRST = ['Aaron', 'Beatriz', 'Carmen', 'Dmitri', 'Eleanor', 'Farid', 'Gwen', 'Hiroshi', 'Isabel', 'Jamal', 'Katarina', 'Luis', 'Marguerite', 'Nnamdi', 'Octavia', 'Priya', 'Quentin', 'Rosalind', 'Santiago', 'Tamsin', 'Ulrich', 'Valentina', 'Wendell', 'Ximena', 'Yusuf', 'Zelda', 'Bartholomew', 'Cordelia', 'Desmond', 'Fiona'];
const LAST = ['Abernathy', 'Bjornsson', 'Castellanos', 'Delacroix', 'Eastwood', 'Fitzgerald', 'Gallagher', 'Hollingsworth', 'Iwasaki', 'Jablonski', 'Kowalczyk', 'Lindqvist', 'Montgomery', 'Nakamura', 'Okonkwo', 'Pemberton', 'Quintero', 'Rasmussen', 'Szymanski', 'Thibodeaux', 'Underwood', 'Vanderbilt', 'Whitaker', 'Yamamoto', 'Zimmerman'];
const STREETS = ['Maple', 'Cedar', 'Lakeview', 'Prairie', 'Willow', 'Ridge', 'Harbor', 'Summit', 'Orchard', 'Meadow'];
const CITY: Record<string, [string, string]> = { North: ['Evanston', '60201'], South: ['Oak Lawn', '60453'], East: ['Hammond', '46320'] };

export function address(rand: Random, i: number, location: string): Address {
  const [city, zip] = CITY[location]!;
  return { line1: `${100 + ((i * 37) % 9800)} ${rand.pick(STREETS)} Ave`, city, state: location === 'East' ? 'IN' : 'IL', zip };
}

/** Distinct people: no two names alike enough to look like one customer typed twice. */
export function makeCustomers(rand: Random, now: number, count: number): { up: UpCustomer[]; qb: QbCustomer[]; locationOf: Map<string, string> } {
  const up: UpCustomer[] = [];
  const qb: QbCustomer[] = [];
  const locationOf = new Map<string, string>();
  const names: string[] = ['Dana Whitfield', 'Smith and Sons Plumbing Supply'];
  for (let i = 0; up.length < count && i < 10_000; i++) {
    const first = rand.pick(FIRST);
    const last = rand.pick(LAST);
    const name = `${first} ${last}`;
    if (names.some((n) => nameSimilarity(n, name) >= 0.8)) continue;
    names.push(name);
    up.push(person(rand, now, up.length, first, last));
  }
  for (const [n, c] of up.entries()) {
    const location = LOCATIONS[n % LOCATIONS.length]!;
    locationOf.set(c.id, location);
    c.address = address(rand, n, location);
    qb.push({ Id: String(n + 1), name: c.name, email: c.email, phone: c.phone, address: { ...c.address }, balance: 0, created: c.created + 20 * 60_000, updated: c.created + 20 * 60_000 });
    c.quickbooksId = String(n + 1);
  }
  return { up, qb, locationOf };
}

export function person(rand: Random, now: number, n: number, first: string, last: string): UpCustomer {
  const created = now - rand.int(70, 400) * DAY;
  return {
    id: `C${1001 + n}`,
    name: `${first} ${last}`,
    first,
    last,
    email: `${first}.${last}.${n}@example.com`.toLowerCase(),
    phone: `(${[312, 773, 708, 219][n % 4]}) 555-${String(1000 + n).padStart(4, '0')}`,
    address: { line1: '', city: '', state: '', zip: '' },
    created,
    updated: created,
  };
}
