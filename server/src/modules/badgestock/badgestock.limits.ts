// How big a badge list may be: a year's card order of a large operator fits in either limit,
// and the whole file is checked and imported in one transaction.
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 50_000;
/** Rows per INSERT statement when the stock is written. */
export const INSERT_CHUNK = 5_000;
/** A label is printed on the card (ID*heimbau*1234). */
export const MAX_LABEL_LENGTH = 64;
