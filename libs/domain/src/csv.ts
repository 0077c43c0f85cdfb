/**
 * The guard against spreadsheet formula injection, shared by every CSV the product writes: the
 * console's list export (apps/admin/src/export) and the public open-data file (status.csv).
 */

/**
 * Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR at the start) gets a
 * leading apostrophe (OWASP "CSV injection"); a spreadsheet then shows it as text. A program
 * reading such a CSV gets the original value back by dropping an apostrophe that stands before
 * one of these characters at the start (the open-data JSON carries the values unchanged). Only
 * for text: numbers and dates are written by their own kinds and never passed here.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
