// Contact normalisation every side must agree on, or the same customer looks like two.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export function normaliseEmail(text: string | undefined): string | undefined {
  const email = text?.trim().toLowerCase();
  return email ? email : undefined;
}

/** E.164 when libphonenumber finds the number possible for its country, else its digits. */
export function normalisePhone(text: string | undefined, defaultCountry: string): string | undefined {
  if (!text?.trim()) return undefined;
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  if (parsed?.isPossible()) return parsed.number;
  const digits = text.replace(/\D/g, '');
  return digits === '' ? undefined : digits;
}
