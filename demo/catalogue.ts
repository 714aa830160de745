// What Summit Comfort Services sells and where: items and prices, locations, trades, crews.
import type { Location, Trade } from './model';

export const COMPANY_NAME = 'Summit Comfort Services';
export const LOCATIONS: readonly Location[] = ['North', 'South', 'East'];
export const CLASSES = ['Residential', 'Commercial'] as const;

/** Sales tax, in basis points: 8.25 %, rounded once per invoice. */
export const TAX_BPS = 825;
/** The card processor's fee, in basis points: 2.9 % of each card payment. */
export const CARD_FEE_BPS = 290;

/** Item → list price in cents and, for the main items, the range a job's labour moves it in. */
export const ITEMS: Readonly<Record<string, { price: number; min: number; max: number }>> = {
  'AC Tune-Up': { price: 14_900, min: 12_900, max: 18_900 },
  'Furnace Repair': { price: 38_500, min: 24_000, max: 62_000 },
  'Filter Replacement': { price: 4_500, min: 4_500, max: 4_500 },
  'Water Heater Install': { price: 165_000, min: 145_000, max: 210_000 },
  'Drain Cleaning': { price: 22_500, min: 18_000, max: 32_000 },
  'Panel Upgrade': { price: 240_000, min: 190_000, max: 320_000 },
  'Service Call': { price: 8_900, min: 8_900, max: 8_900 },
};
export const ITEM_NAMES = Object.keys(ITEMS);

/** The main item of a job, by trade; a Service Call rides along on some. */
export const MENU: Readonly<Record<Trade, readonly string[]>> = {
  HVAC: ['AC Tune-Up', 'AC Tune-Up', 'Furnace Repair', 'Furnace Repair', 'Filter Replacement'],
  Plumbing: ['Drain Cleaning', 'Drain Cleaning', 'Drain Cleaning', 'Water Heater Install'],
  Electrical: ['Panel Upgrade', 'Service Call', 'Service Call'],
};

export const TECHNICIANS: Readonly<Record<Trade, readonly string[]>> = {
  HVAC: ['R. Alvarez', 'K. Osei', 'M. Brennan', 'L. Haddad'],
  Plumbing: ['T. Nguyen', 'S. Patel', 'D. Romero'],
  Electrical: ['J. Kowalski', 'A. Lindgren'],
};

export const CITIES: Readonly<Record<Location, ReadonlyArray<{ city: string; state: string; zip: string; area: string }>>> = {
  North: [
    { city: 'Evanston', state: 'IL', zip: '60201', area: '847' },
    { city: 'Skokie', state: 'IL', zip: '60076', area: '224' },
  ],
  South: [
    { city: 'Oak Lawn', state: 'IL', zip: '60453', area: '708' },
    { city: 'Orland Park', state: 'IL', zip: '60462', area: '773' },
  ],
  East: [
    { city: 'Hammond', state: 'IN', zip: '46320', area: '219' },
    { city: 'Munster', state: 'IN', zip: '46321', area: '574' },
  ],
};

export function businessUnit(trade: Trade, location: Location): string {
  return `${trade} - ${location}`;
}
