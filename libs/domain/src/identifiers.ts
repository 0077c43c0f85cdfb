import type { FieldIssue } from './errors.js';
import { issueAt } from './messages.js';
import { stateByArsPrefix, stateByCode } from './states.js';

/**
 * ARS (Amtlicher Regionalschlüssel), 12 digits:
 * state 2, region 1, district 2, municipal association 4, municipality 3.
 * AGS (8 digits) is state 2, region 1, district 2, municipality 3.
 */
export const ARS_PATTERN = /^\d{12}$/;

const issue = issueAt;

export function checkArs(ars: unknown, stateCode: string | undefined, field = 'ars'): FieldIssue[] {
  if (typeof ars !== 'string' || ars.length === 0) return [issue(field, 'ARS_REQUIRED')];
  if (!ARS_PATTERN.test(ars)) return [issue(field, 'ARS_FORMAT', { input: ars })];
  const prefix = ars.slice(0, 2);
  const byPrefix = stateByArsPrefix(prefix);
  if (!byPrefix) return [issue(field, 'ARS_UNKNOWN_PREFIX', { prefix })];
  if (stateCode !== undefined) {
    const state = stateByCode(stateCode);
    if (state && state.arsPrefix !== prefix) {
      return [issue(field, 'ARS_OTHER_STATE', { prefix, prefixState: byPrefix.name, state: state.name, statePrefix: state.arsPrefix })];
    }
  }
  return [];
}

/** ARS of a district-level unit from its 5-digit district key (AGS of a Kreis). */
export function arsFromDistrictKey(districtKey: string | number): string {
  const key = String(districtKey).padStart(5, '0');
  if (!/^\d{5}$/.test(key)) throw new Error(`district key must have 5 digits, got "${districtKey}"`);
  return `${key}0000000`;
}

/** ARS from an 8-digit AGS (municipal association part unknown: 0000). */
export function arsFromAgs(ags: string): string {
  if (!/^\d{8}$/.test(ags)) throw new Error(`AGS must have 8 digits, got "${ags}"`);
  return `${ags.slice(0, 5)}0000${ags.slice(5)}`;
}

/** AGS (8 digits) from a 12-digit ARS. */
export function agsFromArs(ars: string): string {
  if (!ARS_PATTERN.test(ars)) throw new Error(`ARS must have 12 digits, got "${ars}"`);
  return `${ars.slice(0, 5)}${ars.slice(9)}`;
}

/** OZG-ID of a service bundle: a positive whole number, written as digits. */
export function checkOzgId(ozgId: unknown, field = 'ozgId'): FieldIssue[] {
  if (ozgId === null || ozgId === undefined || ozgId === '') return [];
  if (typeof ozgId !== 'string' || !/^\d{1,6}$/.test(ozgId)) return [issue(field, 'OZG_ID_FORMAT', { input: String(ozgId) })];
  return [];
}

/** LeiKa keys are 14 digits. */
export function checkLeikaKeys(keys: unknown, field = 'leikaKeys'): FieldIssue[] {
  if (keys === null || keys === undefined) return [];
  if (!Array.isArray(keys)) return [issue(field, 'LEIKA_LIST')];
  const bad = keys.filter((k) => typeof k !== 'string' || !/^\d{14}$/.test(k));
  return bad.length ? [issue(field, 'LEIKA_KEYS_INVALID', { invalid: bad.map(String).join(', ') })] : [];
}
