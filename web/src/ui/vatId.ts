// A VAT identification number as the server stores it: upper case, without the spaces, dots and
// dashes people write it with (atu 123 456 78 → ATU12345678, CHE-123.456.789 MWST →
// CHE123456789MWST); an empty field is no number at all. The server checks the format.
export function normalizeVatId(value: string | null | undefined): string | null {
  const vatId = (value ?? '').toUpperCase().replace(/[\s.\-/]/g, '');
  return vatId || null;
}
