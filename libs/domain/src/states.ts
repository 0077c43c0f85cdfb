/**
 * The 16 German states (Länder) with their official two-letter codes, the
 * regional key prefix (first two digits of ARS/AGS) and the Königsteiner
 * Schlüssel 2016 share in percent (published key; sums to 100).
 */
export interface StateFact {
  code: StateCode;
  name: string;
  arsPrefix: string;
  koenigsteinShare2016: number;
}

export const STATE_CODES = ['SH', 'HH', 'NI', 'HB', 'NW', 'HE', 'RP', 'BW', 'BY', 'SL', 'BE', 'BB', 'MV', 'SN', 'ST', 'TH'] as const;
export type StateCode = (typeof STATE_CODES)[number];

export const STATES: readonly StateFact[] = [
  { code: 'SH', name: 'Schleswig-Holstein', arsPrefix: '01', koenigsteinShare2016: 3.39074 },
  { code: 'HH', name: 'Hamburg', arsPrefix: '02', koenigsteinShare2016: 2.55752 },
  { code: 'NI', name: 'Niedersachsen', arsPrefix: '03', koenigsteinShare2016: 9.33138 },
  { code: 'HB', name: 'Bremen', arsPrefix: '04', koenigsteinShare2016: 0.95331 },
  { code: 'NW', name: 'Nordrhein-Westfalen', arsPrefix: '05', koenigsteinShare2016: 21.14424 },
  { code: 'HE', name: 'Hessen', arsPrefix: '06', koenigsteinShare2016: 7.39885 },
  { code: 'RP', name: 'Rheinland-Pfalz', arsPrefix: '07', koenigsteinShare2016: 4.83089 },
  { code: 'BW', name: 'Baden-Württemberg', arsPrefix: '08', koenigsteinShare2016: 12.96662 },
  { code: 'BY', name: 'Bayern', arsPrefix: '09', koenigsteinShare2016: 15.53327 },
  { code: 'SL', name: 'Saarland', arsPrefix: '10', koenigsteinShare2016: 1.21111 },
  { code: 'BE', name: 'Berlin', arsPrefix: '11', koenigsteinShare2016: 5.08324 },
  { code: 'BB', name: 'Brandenburg', arsPrefix: '12', koenigsteinShare2016: 3.03655 },
  { code: 'MV', name: 'Mecklenburg-Vorpommern', arsPrefix: '13', koenigsteinShare2016: 2.0124 },
  { code: 'SN', name: 'Sachsen', arsPrefix: '14', koenigsteinShare2016: 5.05577 },
  { code: 'ST', name: 'Sachsen-Anhalt', arsPrefix: '15', koenigsteinShare2016: 2.79941 },
  { code: 'TH', name: 'Thüringen', arsPrefix: '16', koenigsteinShare2016: 2.6947 },
];

export function isStateCode(value: unknown): value is StateCode {
  return typeof value === 'string' && (STATE_CODES as readonly string[]).includes(value);
}

export function stateByCode(code: string): StateFact | undefined {
  return STATES.find((s) => s.code === code);
}

export function stateByArsPrefix(prefix: string): StateFact | undefined {
  return STATES.find((s) => s.arsPrefix === prefix);
}
