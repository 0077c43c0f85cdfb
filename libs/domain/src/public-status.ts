import { spellOutGerman } from './transliterate.js';

/**
 * The public rollout status ("Can I apply online with my authority?"): what may be published,
 * and how applicants find their authority by name. Pure; the API serves it from public_status.
 */

export type PublicStatusValue = 'LIVE' | 'PREPARING' | 'NOT_PLANNED';
export const PUBLIC_STATUS_VALUES: readonly PublicStatusValue[] = ['LIVE', 'PREPARING', 'NOT_PLANNED'];

/**
 * The fields a public answer may carry, per object kind. The allow-list test
 * (tests/api/public-allow-list.test.ts) fails on any other field in a public response.
 */
export const PUBLIC_FIELDS = {
  status: ['service', 'authority', 'status', 'liveSince', 'applyUrl', 'plannedQuarter', 'updatedAt'],
  service: ['ozgId', 'name'],
  authority: ['ars', 'name', 'stateCode'],
  serviceListItem: ['ozgId', 'name', 'live', 'total'],
  serviceDetail: ['ozgId', 'name', 'live', 'preparing', 'total', 'states'],
  stateFigure: ['code', 'name', 'live', 'preparing', 'total'],
  search: ['service', 'query', 'results', 'total'],
  searchResult: ['ars', 'name', 'stateCode', 'stateName', 'status', 'liveSince', 'applyUrl', 'plannedQuarter'],
  error: ['code', 'field', 'message'],
  /** Open data (status.json top level; its metadata objects are documented constants). */
  openData: ['title', 'license', 'attribution', 'generatedAt', 'source', 'fields', 'count', 'records'],
  /** One record of status.json, and the columns of status.csv. */
  openDataRecord: ['ozgId', 'serviceName', 'ars', 'authorityName', 'stateCode', 'stateName', 'status', 'liveSince', 'applyUrl', 'plannedQuarter', 'updatedAt'],
  /** Elements of the Atom feed of go-lives and of its entries. */
  atomFeed: ['id', 'title', 'subtitle', 'updated', 'link', 'author', 'rights', 'generator', 'entry'],
  atomEntry: ['id', 'title', 'updated', 'published', 'link', 'category', 'summary'],
} as const;

export type PublicFieldKind = keyof typeof PUBLIC_FIELDS;

/** Which fields of a public object hold nested public objects (of which kind). */
export const PUBLIC_NESTED: Partial<Record<PublicFieldKind, Record<string, PublicFieldKind>>> = {
  status: { service: 'service', authority: 'authority' },
  search: { service: 'service', results: 'searchResult' },
  serviceDetail: { states: 'stateFigure' },
};

/**
 * The search key of a name or a query: spellOutGerman (lower case, ä→ae, ö→oe, ü→ue, ß→ss, other
 * accents dropped), anything but letters and digits one space. The SQL function public_search_key
 * (migrations 1764500000000, 1764575000000) computes the same for public_status.search_key; its
 * accent map is copied here letter for letter (tests/api/public-status.test.ts compares the two).
 */
export function publicSearchKey(text: string): string {
  return spellOutGerman(text)
    .replace(/[áàâãåéèêëíìîïóòôõúùûçñ]/g, (c) => 'aaaaaeeeeiiiioooouuucn'['áàâãåéèêëíìîïóòôõúùûçñ'.indexOf(c)])
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Words that say what kind of body or area a name is, not which one: "Landkreis Göttingen",
 * "Kreis Göttingen" and "Göttingen" find the same authority. Left out of queries (and of
 * names when matching); a query of nothing else matches nothing.
 */
export const PUBLIC_SEARCH_NOISE = new Set([
  'landkreis', 'kreis', 'lk', 'lkr', 'stadt', 'kreisfreie', 'kreisfreier', 'kreisstadt', 'stadtkreis', 'landeshauptstadt',
  'hansestadt', 'universitaetsstadt', 'gemeinde', 'markt', 'verbandsgemeinde', 'amt', 'samtgemeinde', 'region',
  'auslaenderbehoerde', 'abh', 'behoerde', 'der', 'die', 'das', 'des', 'im', 'in', 'am', 'an', 'a', 'd', 'i',
]);

/** The words of a query that identify an authority (noise words removed). */
export function publicQueryWords(query: string): string[] {
  return publicSearchKey(query)
    .split(' ')
    .filter((w) => w && !PUBLIC_SEARCH_NOISE.has(w));
}

export interface SearchableAuthority {
  ars: string;
  /** publicSearchKey of the name. */
  key: string;
  /** DISTRICT, DISTRICT_FREE_CITY, MUNICIPALITY, STATE: district-level authorities rank first. */
  level: string;
  name: string;
}

const LEVEL_RANK: Record<string, number> = { DISTRICT_FREE_CITY: 0, DISTRICT: 0, STATE: 1, MUNICIPALITY: 2 };

/**
 * How well a name matches the query words: undefined = not at all (every word must occur in the
 * name, as a word or word start, or anywhere for words of 4+ letters); lower is better (whole-word
 * hits, district level, shorter names first). Digits-only queries match the ARS from its start.
 */
export function publicMatchScore(a: SearchableAuthority, words: readonly string[], digits?: string): number | undefined {
  if (digits) return a.ars.startsWith(digits) ? (LEVEL_RANK[a.level] ?? 3) * 1000 + a.name.length : undefined;
  if (!words.length) return undefined;
  const padded = ` ${a.key} `;
  let partial = 0;
  for (const w of words) {
    if (padded.includes(` ${w} `)) continue;
    if (padded.includes(` ${w}`) || (w.length >= 4 && padded.includes(w))) {
      partial++;
      continue;
    }
    return undefined;
  }
  const nameWords = a.key.split(' ').filter((w) => !PUBLIC_SEARCH_NOISE.has(w)).length;
  return partial * 100_000 + (LEVEL_RANK[a.level] ?? 3) * 10_000 + Math.max(0, nameWords - words.length) * 1000 + Math.min(a.name.length, 999);
}

/** The best matches of a query among authorities, best first (at most `limit`). */
export function searchAuthorities<T extends SearchableAuthority>(items: readonly T[], query: string, limit = 20): { total: number; results: T[] } {
  const trimmed = query.trim();
  const digits = /^\d{2,12}$/.test(trimmed) ? trimmed : undefined;
  const words = digits ? [] : publicQueryWords(trimmed);
  const hits: Array<{ item: T; score: number }> = [];
  for (const item of items) {
    const score = publicMatchScore(item, words, digits);
    if (score !== undefined) hits.push({ item, score });
  }
  hits.sort((x, y) => x.score - y.score || x.item.name.localeCompare(y.item.name, 'de'));
  return { total: hits.length, results: hits.slice(0, limit).map((h) => h.item) };
}

/** '2027-Q1' → { de: '1. Quartal 2027', en: 'Q1 2027' }. */
export function quarterLabel(quarter: string, lang: 'de' | 'en'): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  return lang === 'de' ? `${m[2]}. Quartal ${m[1]}` : `Q${m[2]} ${m[1]}`;
}
