/** The Königsteiner Schlüssel share is published in percent with five decimals. */
export const KOENIGSTEIN_SHARE_FORMAT: Intl.NumberFormatOptions = {
  minimumFractionDigits: 5,
  maximumFractionDigits: 5,
};
