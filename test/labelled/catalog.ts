// The trades, branches and price book of the generated company: a three-branch HVAC / plumbing /
// electrical contractor. Names and prices are this suite's own.
export const TRADES = ['HVAC', 'Plumbing', 'Electrical'] as const;
export const BRANCHES = ['North', 'South', 'East'] as const;
export type Trade = (typeof TRADES)[number];
export type Branch = (typeof BRANCHES)[number];

export interface Unit {
  trade: Trade;
  branch: Branch;
  /** Business unit = QuickBooks class name, "HVAC - North". */
  name: string;
  /** Branch = QuickBooks location (Department), "North Branch". */
  location: string;
}

export const UNITS: Unit[] = TRADES.flatMap((trade) =>
  BRANCHES.map((branch) => ({ trade, branch, name: `${trade} - ${branch}`, location: `${branch} Branch` })),
);

export interface PriceItem {
  name: string;
  cents: number;
  taxable: boolean;
  perHour?: boolean;
}

export const PRICE_BOOK: Record<Trade, PriceItem[]> = {
  HVAC: [
    { name: 'AC Diagnostic', cents: 8_900, taxable: false },
    { name: 'AC Seasonal Tune-Up', cents: 14_900, taxable: false },
    { name: 'Furnace Safety Check', cents: 13_900, taxable: false },
    { name: 'Run Capacitor 45/5', cents: 6_500, taxable: true },
    { name: 'Condenser Fan Motor', cents: 38_500, taxable: true },
    { name: 'Smart Thermostat', cents: 21_000, taxable: true },
    { name: 'HVAC Labor', cents: 12_500, taxable: false, perHour: true },
  ],
  Plumbing: [
    { name: 'Plumbing Service Call', cents: 7_900, taxable: false },
    { name: 'Main Line Drain Clearing', cents: 22_500, taxable: false },
    { name: 'Tank Water Heater 50 gal', cents: 145_000, taxable: true },
    { name: 'Toilet Rebuild Kit', cents: 4_800, taxable: true },
    { name: 'PEX Repipe Section', cents: 31_000, taxable: true },
    { name: 'Plumbing Labor', cents: 11_500, taxable: false, perHour: true },
  ],
  Electrical: [
    { name: 'Electrical Troubleshoot', cents: 9_900, taxable: false },
    { name: 'Panel Inspection', cents: 17_500, taxable: false },
    { name: 'GFCI Receptacle', cents: 2_800, taxable: true },
    { name: 'Breaker 20A', cents: 3_200, taxable: true },
    { name: 'Whole-Home Surge Protector', cents: 34_000, taxable: true },
    { name: 'Electrical Labor', cents: 13_000, taxable: false, perHour: true },
  ],
};

export const TAX_RATE = 0.0825;

export const TECHNICIANS = [
  'Luis Ortega',
  'Megan Pruitt',
  'Darnell Wise',
  'Ana Castillo',
  'Trey Baumann',
  'Kim Vo',
  'Sergio Leal',
  'Hannah Roth',
];

export const FIRST_NAMES = [
  'Alicia',
  'Brandon',
  'Caroline',
  'Desmond',
  'Evelyn',
  'Francisco',
  'Gabriela',
  'Harold',
  'Imani',
  'Jerome',
  'Kendra',
  'Lorenzo',
  'Monique',
  'Nathaniel',
  'Olivia',
  'Preston',
  'Quentin',
  'Rosalind',
  'Sebastian',
  'Tamika',
  'Ulysses',
  'Veronica',
  'Wendell',
  'Ximena',
  'Yolanda',
  'Zachary',
  'Beatrice',
  'Clifford',
  'Dolores',
  'Everett',
  'Fiona',
  'Gordon',
  'Ingrid',
  'Jasper',
  'Lucinda',
  'Marcus',
  'Penelope',
  'Reginald',
  'Simone',
  'Theodore',
  'Vivian',
  'Winston',
  'Agnes',
  'Bernard',
  'Cecilia',
  'Douglas',
  'Esther',
  'Floyd',
];

export const LAST_NAMES = [
  'Abernathy',
  'Bancroft',
  'Castellanos',
  'Dunleavy',
  'Eastwood',
  'Fairbanks',
  'Gutierrez',
  'Hargrove',
  'Ibarra',
  'Jablonski',
  'Kettering',
  'Lindqvist',
  'Montoya',
  'Nakamura',
  'Oyelaran',
  'Pemberton',
  'Quinones',
  'Rutherford',
  'Sandoval',
  'Tremblay',
  'Upchurch',
  'Villarreal',
  'Westbrook',
  'Yarbrough',
  'Zimmerman',
  'Ashford',
  'Blackwood',
  'Cervantes',
  'Delacroix',
  'Esposito',
  'Fontaine',
  'Galloway',
  'Hollister',
  'Iverson',
  'Jaramillo',
  'Kowalczyk',
  'Langford',
  'McAllister',
  'Norwood',
  'Ochoa',
  'Prescott',
  'Rasmussen',
  'Sorensen',
  'Thibodeaux',
  'Vandermeer',
  'Whitaker',
  'Alvarado',
  'Birchfield',
  'Crenshaw',
  'Dominguez',
  'Ellsworth',
  'Fitzgerald',
  'Granger',
  'Huxley',
];

export const BUSINESS_WORDS = [
  'Lone Star',
  'Bluebonnet',
  'Cypress Creek',
  'Live Oak',
  'Pecan Valley',
  'Riverbend',
  'Mesa Verde',
  'Canyon Ridge',
  'Brazos',
  'Hill Country',
  'Granite Falls',
  'Red Cedar',
  'Saddleback',
  'Prairie Wind',
  'Copperleaf',
  'Silverado',
  'Blanco River',
  'Longhorn',
  'Mustang Ridge',
  'Ironwood',
  'Sycamore',
  'Bent Tree',
  'Armadillo',
  'Cottonwood',
  'Juniper Hill',
  'Pedernales',
  'Windmill',
  'Highland Lakes',
  'Caliche',
  'Yucca Flats',
  'Tejas',
  'Star Mesa',
];
export const BUSINESS_KINDS = [
  'Dental Care',
  'Veterinary Clinic',
  'Coffee Roasters',
  'Self Storage',
  'Auto Repair',
  'Family Dentistry',
  'Bakery',
  'Fitness Studio',
  'Learning Center',
  'Law Office',
  'Pharmacy',
  'Brewing Co.',
  'Chiropractic',
  'Florist',
  'Taqueria',
  'Hardware',
  'Pet Grooming',
  'Montessori',
  'Insurance Agency',
  'Barbecue',
];
export const MANAGER_KINDS = [
  'Property Management',
  'Rental Homes',
  'Realty & Leasing',
  'Apartments',
  'Townhomes',
  'HOA Services',
  'Residential Leasing',
  'Duplex Rentals',
];
export const SUFFIXES = ['LLC', 'Inc.', 'Co.', ''];
export const STREETS = [
  'Oak Hollow Dr',
  'Cedar Bend Ln',
  'Mockingbird Ln',
  'Ranch Road 12',
  'Pecan St',
  'Bluff Springs Rd',
  'Whispering Pines Ct',
  'Old Mill Rd',
  'Lakeshore Blvd',
  'Sunset Ridge Dr',
  'Hidden Valley Trl',
  'Magnolia Ave',
];
export const CITIES: Array<[string, string]> = [
  ['Austin', '787'],
  ['Round Rock', '786'],
  ['Pflugerville', '786'],
  ['Georgetown', '786'],
  ['Cedar Park', '786'],
  ['Kyle', '786'],
];
