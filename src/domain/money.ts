// Money crosses every boundary as integer cents: floats are only ever read from a wire format and
// converted here, once.

const DECIMAL = /^\(?-?\$?\s*-?[0-9][0-9,]*(\.[0-9]+)?\)?$/;

/** Parses "1,234.50", "$99", "-12.3", "(45.00)" into cents; returns undefined when it is not money. */
export function parseMoneyToCents(input: string | number | null | undefined): number | undefined {
  if (input === null || input === undefined) return undefined;
  // A JSON number is read through its shortest decimal text: 1.005 * 100 is 100.4999… in floats.
  if (typeof input === 'number' && !Number.isFinite(input)) return undefined;
  const text = (typeof input === 'number' ? String(input) : input).trim();
  if (/^-?\d+(\.\d+)?e[+-]?\d+$/i.test(text)) return exact(Math.round(Number(text) * 100));
  if (text === '' || !DECIMAL.test(text)) return undefined;
  const negative = text.includes('-') || (text.startsWith('(') && text.endsWith(')'));
  const digits = text.replace(/[()$,\s-]/g, '');
  const [whole = '0', frac = ''] = digits.split('.');
  // Round half away from zero on the third decimal, as accounting tools do.
  const cents = Number(whole) * 100 + Number((frac + '000').slice(0, 2)) + (Number((frac + '000')[2]) >= 5 ? 1 : 0);
  return exact(negative ? -cents : cents);
}

/** Beyond 2^53 cents (90 trillion dollars) sums stop being exact: that is no amount, it is bad data. */
function exact(cents: number): number | undefined {
  return Number.isSafeInteger(cents) ? cents : undefined;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}
