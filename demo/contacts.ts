// People and businesses the demo company serves. Every contact is unmistakably someone else:
// names far apart once normalised, no shared e-mail or phone, so the only duplicate customer in the
// data is the one injected on purpose.
import { nameSimilarity } from '../src/trace/similarity';
import { CITIES } from './catalogue';
import type { Address, Contact, Location } from './model';
import type { Random } from './random';

const FIRST = [
  'Aaron',
  'Beatriz',
  'Cyrus',
  'Delphine',
  'Emeka',
  'Freya',
  'Gustavo',
  'Hanna',
  'Ibrahim',
  'Jolene',
  'Kenji',
  'Lucinda',
  'Marcus',
  'Nadia',
  'Oskar',
  'Paloma',
  'Quinn',
  'Rashida',
  'Stellan',
  'Tovah',
  'Umberto',
  'Vera',
  'Wyatt',
  'Xiomara',
  'Yosef',
  'Zora',
  'Bernard',
  'Consuelo',
  'Dmitri',
  'Esperanza',
  'Florian',
  'Greta',
  'Hector',
  'Imogen',
  'Jasper',
  'Keiko',
  'Leopold',
  'Mirela',
  'Niall',
  'Odette',
];
const LAST = [
  'Abernathy',
  'Bergstrom',
  'Castellanos',
  'Dubois',
  'Eriksen',
  'Fontaine',
  'Gallagher',
  'Hollister',
  'Iwasaki',
  'Jablonski',
  'Kowalczyk',
  'Lindqvist',
  'Mbeki',
  'Nakashima',
  'Okafor',
  'Pemberton',
  'Quiroga',
  'Rasmussen',
  'Szabo',
  'Thibodeaux',
  'Underhill',
  'Vasquez',
  'Wojcik',
  'Yilmaz',
  'Zeller',
  'Achterberg',
  'Beaumont',
  'Chowdhury',
  'Delgado',
  'Esposito',
  'Fairweather',
  'Grimaldi',
  'Haverford',
  'Ingram',
  'Jovanovic',
  'Kaminski',
  'Laurent',
  'Moreau',
  'Novak',
  'Ortega',
];
const PLACES = [
  'Lakeshore',
  'Prairie Ridge',
  'Northgate',
  'Harborview',
  'Maplewood',
  'Cedar Point',
  'Riverbend',
  'Stonebridge',
  'Oakbrook',
  'Fox Valley',
  'Willow Creek',
  'Heritage',
  'Bluestem',
  'Ironwood',
  'Meadowlark',
  'Calumet',
];
const TRADES = [
  'Dental Group',
  'Apartments',
  'Auto Body',
  'Bistro',
  'Veterinary Clinic',
  'Community Church',
  'Bakery',
  'Fitness Studio',
  'Montessori School',
  'Hardware',
  'Insurance Agency',
  'Print Shop',
  'Brewing',
  'Animal Hospital',
  'Law Office',
  'Pharmacy',
];
const STREETS = [
  'Maple',
  'Cedar',
  'Lakeview',
  'Prairie',
  'Willow',
  'Ridge',
  'Harbor',
  'Orchard',
  'Meadow',
  'Hickory',
  'Juniper',
  'Linden',
  'Sheridan',
  'Crawford',
];
const SUFFIXES = ['Ave', 'St', 'Dr', 'Ln', 'Ct', 'Rd'];

/** Names at or above this normalised similarity could be taken for one another. */
const TOO_ALIKE = 0.75;

export class ContactBook {
  private readonly names: string[] = [];
  private readonly emails = new Set<string>();
  private readonly lines = new Set<string>();
  private readonly phones = new Map<string, string[]>();

  constructor(private readonly rand: Random) {
    // Each area code gets the fictional 555-0100…0199 block, handed out in random order.
    for (const options of Object.values(CITIES)) {
      for (const { area } of options)
        this.phones.set(area, rand.shuffle(Array.from({ length: 100 }, (_, i) => `(${area}) 555-01${String(i).padStart(2, '0')}`)));
    }
  }

  /** Claims a name that nobody else's resembles; false when it is too close to one. */
  claimName(name: string): boolean {
    if (this.names.some((n) => nameSimilarity(n, name) >= TOO_ALIKE)) return false;
    this.names.push(name);
    return true;
  }

  claimEmail(email: string): boolean {
    if (this.emails.has(email)) return false;
    this.emails.add(email);
    return true;
  }

  phone(location: Location, city: string): string {
    const area = CITIES[location].find((c) => c.city === city)!.area;
    const next = this.phones.get(area)!.pop();
    if (next === undefined) throw new Error(`demo: no phone numbers left in area ${area}`);
    return next;
  }

  address(location: Location): Address {
    for (;;) {
      const { city, state, zip } = this.rand.pick(CITIES[location]);
      const line1 = `${this.rand.int(12, 98) * 100 + this.rand.int(0, 99)} ${this.rand.pick(STREETS)} ${this.rand.pick(SUFFIXES)}`;
      if (this.lines.has(`${line1}|${city}`)) continue;
      this.lines.add(`${line1}|${city}`);
      return { line1, city, state, zip };
    }
  }

  /** A new person or business at a location, distinct from everyone already in the book. */
  newContact(location: Location, business: boolean): Contact {
    for (let attempt = 0; attempt < 5_000; attempt++) {
      const contact = business ? this.business() : this.person();
      if (!this.claimName(contact.name)) continue;
      if (!this.claimEmail(contact.email)) continue;
      const address = this.address(location);
      return { ...contact, address, phone: this.phone(location, address.city) };
    }
    throw new Error('demo: ran out of distinct names');
  }

  private person(): Omit<Contact, 'address' | 'phone'> {
    const first = this.rand.pick(FIRST);
    const last = this.rand.pick(LAST);
    const domain = this.rand.pick(['example.com', 'example.net', 'example.org']);
    const local = this.rand.pick([`${first}.${last}`, `${first}${last}`, `${first[0]}${last}`]).toLowerCase();
    return { name: `${first} ${last}`, first, last, email: `${local}@${domain}` };
  }

  private business(): Omit<Contact, 'address' | 'phone'> {
    const name = `${this.rand.pick(PLACES)} ${this.rand.pick(TRADES)}`;
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    return { name, company: name, email: `${this.rand.pick(['office', 'billing', 'accounts'])}@${slug}.example` };
  }
}
