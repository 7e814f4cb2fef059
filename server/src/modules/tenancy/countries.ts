// What a tenant's or a site's country decides: the clock people read and the VAT rates that apply.
// Tenants carry no time zone of their own.

export const TIME_ZONES: Record<string, string> = {
  AT: 'Europe/Vienna', CH: 'Europe/Zurich', DE: 'Europe/Berlin', LI: 'Europe/Vaduz', FR: 'Europe/Paris', BE: 'Europe/Brussels',
  LU: 'Europe/Luxembourg', NL: 'Europe/Amsterdam', PL: 'Europe/Warsaw', IT: 'Europe/Rome',
};

export const timeZoneOf = (country: string): string => TIME_ZONES[country] ?? 'UTC';

/** Standard VAT rates in basis points (2000 = 20 %), as of 2026. */
export const STANDARD_VAT_BP: Record<string, number> = {
  AT: 2000, CH: 810, LI: 810, DE: 1900, FR: 2000, NL: 2100, PL: 2300, BE: 2100, LU: 1700, IT: 2200,
};
