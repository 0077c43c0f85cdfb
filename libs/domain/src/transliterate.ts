/**
 * German names in plain letters, shared by the public search key (public-status.ts) and the
 * console's export file names (apps/admin/src/export).
 */

/**
 * Lower case with the umlauts and ß spelt out: ä→ae, ö→oe, ü→ue, ß→ss ("Behörden" → "behoerden",
 * "Straße" → "strasse"). Everything else is left as it is: callers drop other accents and decide
 * what separates words.
 */
export function spellOutGerman(text: string): string {
  return text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}
